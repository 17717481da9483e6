"""Candles to bytes: JSON rows or columns, CSV, Arrow IPC stream.

Candle times are ISO 8601 UTC strings, or epoch milliseconds with time_format="epoch_ms" (JSON
and CSV); Arrow always carries its own timestamp[ms, UTC] type.
"""

from __future__ import annotations

import io
import uuid
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from typing import Any

import orjson
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from core.domain.candles import CandleSeries
from core.use_cases.market_data.get_candles import CandlePage, CandlesAnswer

JSON = "application/json"
CSV = "text/csv"
ARROW = "application/vnd.apache.arrow.stream"
FIELDS = ("open", "high", "low", "close", "volume")
EPOCH_MS = "epoch_ms"


_DAY_MS = 86_400_000
_MINUTES_OF_DAY = [f"T{m // 60:02d}:{m % 60:02d}:00Z" for m in range(1440)]


def iso_times(times: Sequence[int]) -> list[str]:
    """ISO 8601 UTC strings; bars start on whole minutes, so the day prefix is reused."""
    days: dict[int, str] = {}
    out = []
    for ms in times:
        day, rest = divmod(ms, _DAY_MS)
        if rest % 60_000:
            out.append(datetime.fromtimestamp(ms / 1000, UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"))
            continue
        prefix = days.get(day)
        if prefix is None:
            prefix = days[day] = datetime.fromtimestamp(day * 86_400, UTC).strftime("%Y-%m-%d")
        out.append(prefix + _MINUTES_OF_DAY[rest // 60_000])
    return out


def candle_times(times: Sequence[int], time_format: str) -> list[str] | list[int]:
    """The times as written in JSON: ISO strings, or the epoch milliseconds themselves."""
    return list(times) if time_format == EPOCH_MS else iso_times(times)


ROWS_PER_CHUNK = 5_000


def _candle_dicts(
    series: CandleSeries, start: int, stop: int, time_format: str
) -> list[dict[str, Any]]:
    part = series.slice(start, stop)
    times = candle_times(part.times, time_format)
    return [
        {"timestamp": t, "open": o, "high": h, "low": low, "close": c, "volume": v}
        for t, o, h, low, c, v in zip(
            times, part.open, part.high, part.low, part.close, part.volume, strict=True
        )
    ]


def _page_json(page: CandlePage, layout: str, placeholder: str, time_format: str) -> dict[str, Any]:
    series = page.series
    body: dict[str, Any] = {"symbol": str(series.symbol), "count": len(series)}
    if layout == "columns":
        times = candle_times(series.times, time_format)
        body["columns"] = {"timestamp": times, **{f: list(getattr(series, f)) for f in FIELDS}}
    else:
        # The candles are written in chunks where this placeholder stands.
        body["candles"] = placeholder
    body["next_cursor"] = page.next_cursor
    return body


def json_chunks(
    answer: CandlesAnswer,
    source: str,
    layout: str,
    many: bool,
    rows: int = ROWS_PER_CHUNK,
    time_format: str = "iso",
) -> Iterator[bytes]:
    """The JSON document in pieces, candles a few thousand at a time."""
    common = {
        "timeframe": str(answer.timeframe),
        "source_resolution": source,
        "start": answer.start.astimezone(UTC).isoformat().replace("+00:00", "Z"),
        "end": answer.end.astimezone(UTC).isoformat().replace("+00:00", "Z"),
    }
    placeholders = [f"candles:{uuid.uuid4().hex}" for _ in answer.pages]
    pages = [
        _page_json(p, layout, h, time_format)
        for p, h in zip(answer.pages, placeholders, strict=True)
    ]
    body = {**common, "results": pages} if many else {**pages[0], **common}
    document = orjson.dumps(body)
    if layout == "columns":
        yield document
        return
    for page, placeholder in zip(answer.pages, placeholders, strict=True):
        before, document = document.split(orjson.dumps(placeholder), 1)
        yield before + b"["
        for start in range(0, len(page.series), rows):
            chunk = orjson.dumps(_candle_dicts(page.series, start, start + rows, time_format))
            chunk = chunk[1:-1]
            yield (b"," if start else b"") + chunk
        yield b"]"
    yield document


def to_arrow(answer: CandlesAnswer, many: bool) -> pa.Table:
    tables = [_series_table(page.series, many) for page in answer.pages]
    return pa.concat_tables(tables) if tables else _series_table(None, many)


def _series_table(series: CandleSeries | None, with_symbol: bool) -> pa.Table:
    times = pa.array(series.times if series else [], pa.int64()).cast(pa.timestamp("ms", tz="UTC"))
    columns: dict[str, pa.Array] = {}
    if with_symbol:
        columns["symbol"] = pa.array(
            [str(series.symbol)] * len(series) if series else [], pa.string()
        )
    columns["timestamp"] = times
    for name in FIELDS:
        columns[name] = pa.array(getattr(series, name) if series else [], pa.float64())
    return pa.table(columns)


_CSV_NO_HEADER = pacsv.WriteOptions(
    include_header=False, quoting_style="none", quoting_header="none"
)


def csv_chunks(
    answer: CandlesAnswer, many: bool, rows: int = ROWS_PER_CHUNK, time_format: str = "iso"
) -> Iterator[bytes]:
    table = to_arrow(answer, many)
    position = table.schema.get_field_index("timestamp")
    if time_format == EPOCH_MS:
        times = table.column(position).cast(pa.int64())
    else:
        seconds = table.column(position).cast(pa.timestamp("s", tz="UTC"))
        times = pc.strftime(seconds, format="%Y-%m-%dT%H:%M:%SZ")
    table = table.set_column(position, "timestamp", times)
    yield (",".join(table.column_names) + "\n").encode()
    for start in range(0, table.num_rows, rows):
        sink = io.BytesIO()
        pacsv.write_csv(table.slice(start, rows), sink, _CSV_NO_HEADER)
        yield sink.getvalue()


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


def encoded_chunks(
    fmt: str, answer: CandlesAnswer, source: str, layout: str, many: bool, time_format: str
) -> Iterator[bytes]:
    """The answer in `fmt` (json, csv or arrow), in pieces."""
    if fmt == "csv":
        return csv_chunks(answer, many, time_format=time_format)
    if fmt == "arrow":
        return arrow_chunks(answer, many)
    return json_chunks(answer, source, layout, many, time_format=time_format)
