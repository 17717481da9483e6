"""Text cells to numbers and UTC epoch milliseconds, a column at a time.

Each conversion returns the values and a mask of the cells it could not read, so one bad
cell costs its row, never the file. The vectorised Arrow cast is tried first; only a column
it refuses is read again cell by cell in Python.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from adapters.outbound.parquet.ingest.timezones import to_utc_ms

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_NO_TEXT = pa.scalar(None, pa.string())


def _numpy(array: pa.Array | pa.ChunkedArray) -> np.ndarray:
    return np.asarray(array.to_numpy(zero_copy_only=False))


def clean(column: pa.Array) -> pa.Array:
    """Surrounding blanks and quotes off."""
    return pc.utf8_trim_whitespace(pc.utf8_trim(pc.utf8_trim_whitespace(column), '"'))


def split_fields(
    lines: pa.Array, separator: str, expected: int
) -> tuple[list[pa.Array], np.ndarray]:
    """The columns of the lines that have `expected` fields, and every line's field count."""
    parts = pc.split_pattern(lines, separator)
    counts = _numpy(pc.list_value_length(parts)).astype(np.int64)
    fitting = parts.filter(pa.array(counts == expected))
    return [clean(pc.list_element(fitting, i)) for i in range(expected)], counts


def numbers(column: pa.Array) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(values, empty, unreadable); empty and unreadable cells are NaN."""
    empty = _numpy(pc.equal(column, "")).astype(bool)
    present = pc.if_else(pa.array(empty), _NO_TEXT, column)
    try:
        return _numpy(pc.cast(present, pa.float64())), empty, np.zeros(len(empty), bool)
    except pa.ArrowInvalid:
        values = [_float(text) for text in present.to_pylist()]
    unreadable = np.array([value is None for value in values], dtype=bool)
    floats = np.array([np.nan if value is None else value for value in values], np.float64)
    return floats, empty, unreadable


def _float(text: str | None) -> float | None:
    if text is None:
        return np.nan
    try:
        return float(text)
    except ValueError:
        return None


def iso_ms(column: pa.Array) -> tuple[np.ndarray, np.ndarray]:
    """ISO 8601 times, with or without an offset (none means UTC): (ms, unreadable)."""
    for kind in (pa.timestamp("ms", tz="UTC"), pa.timestamp("ms")):
        try:
            times = pc.cast(pc.cast(column, kind), pa.int64())
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
            continue
        return _numpy(times).astype(np.int64), np.zeros(len(column), bool)
    values = [_iso_ms(text) for text in column.to_pylist()]
    unreadable = np.array([value is None for value in values], dtype=bool)
    return np.array([value or 0 for value in values], np.int64), unreadable


def _iso_ms(text: str) -> int | None:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return (moment - EPOCH) // timedelta(milliseconds=1)


def epoch_ms(column: pa.Array) -> tuple[np.ndarray, np.ndarray]:
    """Epoch seconds, milliseconds or microseconds, told apart by magnitude: (ms, unreadable)."""
    digits = _digits(column)
    values = _numpy(pc.cast(pc.if_else(pa.array(digits), column, "0"), pa.int64()))
    values = values.astype(np.int64)
    ms = np.where(
        values >= 10**14, values // 1000, np.where(values >= 10**11, values, values * 1000)
    )
    return ms, ~digits


def _digits(column: pa.Array) -> np.ndarray:
    return _numpy(pc.match_substring_regex(column, r"^\d{1,18}$")).astype(bool)


def plain_ms(column: pa.Array) -> tuple[np.ndarray, np.ndarray]:
    """ISO times, or epoch numbers when a cell is all digits."""
    digits = _digits(column)
    if not digits.any():
        return iso_ms(column)
    if digits.all():
        return epoch_ms(column)
    ms, unreadable = np.zeros(len(column), np.int64), np.zeros(len(column), bool)
    for chosen, read in ((digits, epoch_ms), (~digits, iso_ms)):
        ms[chosen], unreadable[chosen] = read(column.filter(pa.array(chosen)))
    return ms, unreadable


def local_ms(column: pa.Array, layout: str, source_tz: str) -> tuple[np.ndarray, np.ndarray]:
    """Wall-clock times in `layout` (strptime) and zone `source_tz`: (ms, unreadable)."""
    local = pc.strptime(column, format=layout, unit="s", error_is_null=True)
    unreadable = _numpy(pc.is_null(local)).astype(bool)
    seconds = _numpy(pc.fill_null(local.cast(pa.int64()), 0)).astype(np.int64)
    return to_utc_ms(seconds, source_tz), unreadable
