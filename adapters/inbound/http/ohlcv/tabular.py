"""Candles as CSV or as an Arrow IPC stream, straight from numpy columns.

Arrow tables are views of the columns (no copy for float64 and int64). CSV rows are joined
from the text JSON gives each value (the shortest that reads back as the same float64, so
1.0 rather than Arrow's 1; nan, inf and -inf as Arrow's CSV writer wrote them), and the
times as in JSON (ISO 8601 UTC, or epoch milliseconds with time_format="epoch_ms").
"""

from __future__ import annotations

import io
from collections.abc import Iterator

import pyarrow as pa

from adapters.inbound.http.ohlcv.cells import (
    Part,
    csv_number_cells,
    iso_cells,
    joined_text,
    json_number_cells,
)
from adapters.inbound.http.ohlcv.columns import FIELDS, Columns
from adapters.inbound.http.ohlcv.json_document import EPOCH_MS, ROWS_PER_CHUNK
from core.use_cases.market_data.get_candles import CandlesAnswer

_TIME = pa.timestamp("ms", tz="UTC")


def to_arrow(answer: CandlesAnswer, many: bool) -> pa.Table:
    return pa.concat_tables([_table(Columns.of(page.series), many) for page in answer.pages])


def _table(columns: Columns, with_symbol: bool) -> pa.Table:
    arrays: dict[str, pa.Array] = {}
    if with_symbol:
        arrays["symbol"] = pa.repeat(pa.scalar(columns.symbol, pa.string()), len(columns))
    arrays["timestamp"] = pa.array(columns.times, pa.int64()).cast(_TIME)
    for name, values in zip(FIELDS, columns.values, strict=True):
        arrays[name] = pa.array(values, pa.float64())
    return pa.table(arrays)


def csv_chunks(
    answer: CandlesAnswer, many: bool, rows: int = ROWS_PER_CHUNK, time_format: str = "iso"
) -> Iterator[bytes]:
    """A header line, then the rows of every page, `rows` at a time."""
    yield (",".join(["symbol"] * many + ["timestamp", *FIELDS]) + "\n").encode()
    for page in answer.pages:
        columns = Columns.of(page.series)
        lead = f"{columns.symbol}," if many else ""
        for piece in columns.pieces(rows):
            yield joined_text(_csv_parts(piece, lead, time_format))


def _csv_parts(columns: Columns, lead: str, time_format: str) -> list[Part]:
    # Every part costs the join a pass: the symbol goes into the time cells where it can.
    if time_format == EPOCH_MS:
        parts: list[Part] = [lead] if lead else []
        parts.append(json_number_cells(columns.times))
    else:
        parts = [iso_cells(columns.times, lead.encode(), b",")]
    for number, values in enumerate(columns.values):
        parts.append(csv_number_cells(values, b"," if number < len(FIELDS) - 1 else b"\n"))
    return parts


def arrow_chunks(answer: CandlesAnswer, many: bool, rows: int = ROWS_PER_CHUNK) -> Iterator[bytes]:
    """An Arrow IPC stream, one record batch of up to `rows` candles per piece."""
    table = to_arrow(answer, many)
    sink = io.BytesIO()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        for batch in table.to_batches(max_chunksize=rows):
            writer.write_batch(batch)
            yield _drain(sink)
    yield _drain(sink)


def _drain(sink: io.BytesIO) -> bytes:
    data = sink.getvalue()
    sink.seek(0)
    sink.truncate()
    return data
