"""Candles as a JSON document, in pieces: the same bytes orjson writes for the whole answer.

The document around the candles (symbol, count, timeframe, cursors) is small and written by
orjson with a placeholder where each page's candles go; the candles themselves are written
ten thousand at a time from numpy columns (see cells), never one Python object per value.
Times are ISO 8601 UTC strings, or epoch milliseconds with time_format="epoch_ms".
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC
from typing import Any

import numpy as np
import orjson

from adapters.inbound.http.ohlcv.cells import (
    Part,
    iso_cells,
    joined_text,
    json_number_cells,
    json_numbers,
    text_of,
)
from adapters.inbound.http.ohlcv.columns import FIELDS, Columns
from core.use_cases.market_data.get_candles import CandlePage, CandlesAnswer

EPOCH_MS = "epoch_ms"
# Candles per piece: orjson holds the GIL for a piece's numbers (~0.2 ms for 10,000), and
# each piece costs a dozen numpy and Arrow calls, which contend for the GIL under load.
ROWS_PER_CHUNK = 10_000
_ROW_START = b'{"timestamp":'
_KEYS = [f'"{name}":' for name in FIELDS]


def json_chunks(
    answer: CandlesAnswer,
    source: str,
    layout: str,
    many: bool,
    rows: int = ROWS_PER_CHUNK,
    time_format: str = "iso",
) -> Iterator[bytes]:
    """The JSON document in pieces, candles `rows` at a time."""
    common = {
        "timeframe": str(answer.timeframe),
        "source_resolution": source,
        "start": answer.start.astimezone(UTC).isoformat().replace("+00:00", "Z"),
        "end": answer.end.astimezone(UTC).isoformat().replace("+00:00", "Z"),
    }
    placeholders = [f"candles:{uuid.uuid4().hex}" for _ in answer.pages]
    pages = [_page_json(p, layout, h) for p, h in zip(answer.pages, placeholders, strict=True)]
    document = orjson.dumps({**common, "results": pages} if many else {**pages[0], **common})
    write = _row_chunks if layout == "rows" else _column_chunks
    for page, placeholder in zip(answer.pages, placeholders, strict=True):
        before, document = document.split(orjson.dumps(placeholder), 1)
        yield before
        yield from write(Columns.of(page.series), rows, time_format)
    yield document


def _page_json(page: CandlePage, layout: str, placeholder: str) -> dict[str, Any]:
    body: dict[str, Any] = {"symbol": str(page.series.symbol), "count": len(page.series)}
    body["columns" if layout == "columns" else "candles"] = placeholder
    body["next_cursor"] = page.next_cursor
    return body


def _row_chunks(columns: Columns, rows: int, time_format: str) -> Iterator[bytes]:
    """`[{"timestamp":...,"open":...,...},...]`: each piece but the last ends with a comma."""
    yield b"["
    pieces = columns.pieces(rows)
    for number, piece in enumerate(pieces, 1):
        last = number == len(pieces)
        yield joined_text(_row_parts(piece, time_format), drop_last=1 if last else 0)
    yield b"]"


def _row_parts(columns: Columns, time_format: str) -> list[Part]:
    """`{"timestamp":T,"open":O,...,"volume":V},` per candle: each number cell carries the
    comma (or, for volume, the brace) that follows it; the keys between are literals."""
    if time_format == EPOCH_MS:
        parts: list[Part] = [_ROW_START.decode(), json_number_cells(columns.times), _KEYS[0]]
    else:
        parts = [iso_cells(columns.times, _ROW_START + b'"', b'",' + _KEYS[0].encode())]
    for number, values in enumerate(columns.values):
        last = number == len(FIELDS) - 1
        parts += [json_number_cells(values, b"}" if last else b",")]
        parts += [","] if last else [_KEYS[number + 1]]
    return parts


def _column_chunks(columns: Columns, rows: int, time_format: str) -> Iterator[bytes]:
    """`{"timestamp":[...],"open":[...],...}`, each array `rows` values at a time."""
    pieces = columns.pieces(rows)
    yield b'{"timestamp":['
    yield from _separated(_time_texts(p.times, time_format) for p in pieces)
    for number, name in enumerate(FIELDS):
        yield f'],"{name}":['.encode()
        yield from _separated(json_numbers(p.values[number]) for p in pieces)
    yield b"]}"


def _time_texts(times: np.ndarray, time_format: str) -> bytes:
    if time_format == EPOCH_MS:
        return json_numbers(times)
    return text_of(iso_cells(times, b'"', b'",'), drop_last=1)


def _separated(texts: Iterator[bytes]) -> Iterator[bytes]:
    for number, text in enumerate(texts):
        yield b"," + text if number else text
