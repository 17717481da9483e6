"""Candles to bytes: JSON rows or columns, CSV, Arrow IPC stream."""

from __future__ import annotations

import io
from collections.abc import Sequence
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


def _page_json(page: CandlePage, layout: str) -> dict[str, Any]:
    series = page.series
    times = iso_times(series.times)
    body: dict[str, Any] = {"symbol": str(series.symbol), "count": len(series)}
    if layout == "columns":
        body["columns"] = {"timestamp": times, **{f: list(getattr(series, f)) for f in FIELDS}}
    else:
        body["candles"] = [
            {"timestamp": t, "open": o, "high": h, "low": low, "close": c, "volume": v}
            for t, o, h, low, c, v in zip(
                times,
                series.open,
                series.high,
                series.low,
                series.close,
                series.volume,
                strict=True,
            )
        ]
    body["next_cursor"] = page.next_cursor
    return body


def encode_json(answer: CandlesAnswer, source: str, layout: str, many: bool) -> bytes:
    common = {
        "timeframe": str(answer.timeframe),
        "source_resolution": source,
        "start": answer.start.astimezone(UTC).isoformat().replace("+00:00", "Z"),
        "end": answer.end.astimezone(UTC).isoformat().replace("+00:00", "Z"),
    }
    if many:
        body: dict[str, Any] = {**common, "results": [_page_json(p, layout) for p in answer.pages]}
    else:
        body = {**_page_json(answer.pages[0], layout), **common}
    return orjson.dumps(body)


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


_CSV_OPTIONS = pacsv.WriteOptions(quoting_style="none", quoting_header="none")


def encode_csv(answer: CandlesAnswer, many: bool) -> bytes:
    table = to_arrow(answer, many)
    position = table.schema.get_field_index("timestamp")
    seconds = table.column(position).cast(pa.timestamp("s", tz="UTC"))
    iso = pc.strftime(seconds, format="%Y-%m-%dT%H:%M:%SZ")
    sink = io.BytesIO()
    pacsv.write_csv(table.set_column(position, "timestamp", iso), sink, _CSV_OPTIONS)
    return sink.getvalue()


def encode_arrow(answer: CandlesAnswer, many: bool) -> bytes:
    table = to_arrow(answer, many)
    sink = io.BytesIO()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue()
