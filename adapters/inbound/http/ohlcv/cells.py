"""Text cells: a column of values as one Arrow string array, built without Python objects.

A cell carries the bytes that follow its value (a comma, a key, a quote), so a row of text is
the element-wise join of cells and literals, and a run of rows is the joined array's data
buffer. Numbers are written by orjson (the same text as orjson over Python floats: the
shortest that reads back as the same float64), times by numpy from tables of day and
minute texts, and the joins by Arrow. numpy and Arrow release the GIL; orjson holds it, but
callers hand it one piece of ten thousand numbers at a time (a fraction of a millisecond).
Arrow's own number text (a GIL-free cast) was measured too: a third of the throughput, and
no better latency for the rest of the server under load.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, TypeAlias

import numpy as np
import orjson
import pyarrow as pa
import pyarrow.compute as pc

MINUTE_MS = 60_000
DAY_MS = 86_400_000
COMMA = ord(",")
Part: TypeAlias = "pa.Array | str"  # a column of cells, or a literal repeated on every row


def iso_cells(times: np.ndarray, before: bytes = b"", after: bytes = b"") -> pa.Array:
    """`before` + ISO 8601 UTC + `after` per time: `2024-01-02T03:04:00Z` on whole minutes,
    `2024-01-02T03:04:05.123000Z` otherwise (the strftime forms the API has always used)."""
    if not len(times):
        return pa.array([], pa.string())
    if not np.any(times % MINUTE_MS):
        cells = _whole_minutes(times, before, after)
        size = cells.itemsize
        offsets = np.arange(0, (len(times) + 1) * size, size, dtype=np.int32)
        return _strings(cells.view(np.uint8), offsets)
    moments = times.astype("datetime64[ms]")
    seconds = np.char.add(np.datetime_as_string(moments, unit="s").astype("S19"), b"Z")
    micros = np.char.add(np.datetime_as_string(moments, unit="us").astype("S26"), b"Z")
    texts = pc.if_else(pa.array(times % MINUTE_MS == 0), pa.array(seconds), pa.array(micros))
    return joined_cells([before.decode(), texts.cast(pa.string()), after.decode()])


def _whole_minutes(times: np.ndarray, before: bytes, after: bytes) -> np.ndarray:
    """Fixed-width cells of whole-minute times: `before` + day from a table of the days
    spanned, then `THH:MM:00Z` + `after` from a table of the minutes of a day."""
    days = times // DAY_MS
    first, last = int(days.min()), int(days.max())
    if last - first <= 2 * len(days) + 64:
        known, index = np.arange(first, last + 1), days - first
    else:  # a few days far apart (monthly candles over centuries): name only those
        known, index = np.unique(days, return_inverse=True)
    names = np.datetime_as_string(known.astype("datetime64[D]")).astype("S10")
    names = np.char.add(np.bytes_(before), names) if before else names
    minutes = _minute_table(after)
    cells = np.empty(
        len(times), np.dtype([("day", f"V{names.itemsize}"), ("minute", minutes.dtype)])
    )
    cells["day"] = names.view(f"V{names.itemsize}")[index]
    cells["minute"] = minutes[(times - days * DAY_MS) // MINUTE_MS]
    return cells


@lru_cache(maxsize=16)
def _minute_table(after: bytes) -> np.ndarray:
    """`THH:MM:00Z` + `after` for each minute of a day, as fixed-width items."""
    texts = (f"T{m // 60:02d}:{m % 60:02d}:00Z".encode() + after for m in range(1440))
    return np.frombuffer(b"".join(texts), f"V{10 + len(after)}")


def json_number_cells(values: np.ndarray, end: bytes = b",") -> pa.Array:
    """orjson's text of each number (null for NaN and the infinities) followed by `end`."""
    if not len(values):
        return pa.array([], pa.string())
    text = np.frombuffer(
        orjson.dumps(np.ascontiguousarray(values), option=orjson.OPT_SERIALIZE_NUMPY), np.uint8
    ).copy()  # [v,v,...,v]: each value is followed by a comma, the last by the bracket
    commas = np.flatnonzero(text == COMMA)
    text[-1] = COMMA
    if end != b",":
        text[commas] = ord(end)
        text[-1] = ord(end)
    offsets = np.empty(len(values) + 1, np.int32)
    offsets[0], offsets[1:-1], offsets[-1] = 1, commas + 1, len(text)
    return _strings(text, offsets)


def json_numbers(values: np.ndarray) -> bytes:
    """The numbers as orjson writes a list of them, without the brackets."""
    return orjson.dumps(np.ascontiguousarray(values), option=orjson.OPT_SERIALIZE_NUMPY)[1:-1]


def csv_number_cells(values: np.ndarray, end: bytes = b",") -> pa.Array:
    """The JSON text of each number followed by `end`; NaN and the infinities as nan, inf
    and -inf (Arrow's CSV words for them, which CSV readers parse back)."""
    cells = json_number_cells(values, end)
    odd = ~np.isfinite(values)
    if not odd.any():
        return cells
    words = np.where(np.isnan(values), "nan", np.where(values > 0, "inf", "-inf"))
    spelled = joined_cells([pa.array(words, pa.string()), end.decode()])
    return pc.if_else(pa.array(odd), spelled, cells)


def joined_cells(parts: list[Part]) -> pa.Array:
    return pc.binary_join_element_wise(*parts, "")


def joined_text(parts: list[Part], drop_last: int = 0) -> bytes:
    """The rows made of `parts` (cells and literals) as one run of bytes."""
    return text_of(joined_cells(parts), drop_last)


def text_of(cells: pa.Array, drop_last: int = 0) -> bytes:
    """The cells one after the other, the last `drop_last` bytes (a separator) left out."""
    if not len(cells):
        return b""
    offsets = np.frombuffer(cells.buffers()[1], np.int32, len(cells) + 1, 4 * cells.offset)
    start, end = int(offsets[0]), int(offsets[-1])
    return cells.buffers()[2][start : end - drop_last].to_pybytes()


def _strings(data: np.ndarray[Any, Any], offsets: np.ndarray[Any, Any]) -> pa.Array:
    return pa.Array.from_buffers(
        pa.string(), len(offsets) - 1, [None, pa.py_buffer(offsets), pa.py_buffer(data)]
    )
