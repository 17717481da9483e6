"""Candles to bytes: JSON rows or columns, CSV, Arrow IPC stream.

Candle times are ISO 8601 UTC strings, or epoch milliseconds with time_format="epoch_ms" (JSON
and CSV); Arrow always carries its own timestamp[ms, UTC] type. The pieces are produced lazily
and cost CPU: callers pull them off the event loop (see responses).
"""

from __future__ import annotations

from collections.abc import Iterator

from adapters.inbound.http.ohlcv.json_document import EPOCH_MS, ROWS_PER_CHUNK, json_chunks
from adapters.inbound.http.ohlcv.tabular import arrow_chunks, csv_chunks, to_arrow
from core.use_cases.market_data.get_candles import CandlesAnswer

__all__ = [
    "ARROW",
    "CSV",
    "EPOCH_MS",
    "JSON",
    "ROWS_PER_CHUNK",
    "arrow_chunks",
    "csv_chunks",
    "encoded_chunks",
    "json_chunks",
    "to_arrow",
]

JSON = "application/json"
CSV = "text/csv"
ARROW = "application/vnd.apache.arrow.stream"


def encoded_chunks(
    fmt: str,
    answer: CandlesAnswer,
    source: str,
    layout: str,
    many: bool,
    time_format: str,
    rows: int = ROWS_PER_CHUNK,
) -> Iterator[bytes]:
    """The answer in `fmt` (json, csv or arrow), in pieces of up to `rows` candles."""
    if fmt == "csv":
        return csv_chunks(answer, many, rows, time_format)
    if fmt == "arrow":
        return arrow_chunks(answer, many, rows)
    return json_chunks(answer, source, layout, many, rows, time_format)
