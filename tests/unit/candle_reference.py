"""The reference encodings of a candle answer: Python objects all the way, as the API wrote
them before it encoded from numpy columns (orjson over one dict per candle; Arrow tables and
its CSV writer fed from lists).

Two deliberate differences in CSV, where the values stay the same: numbers are spelled as
JSON spells them (1.0 where Arrow wrote 1, the shortest text that reads back as the same
float64), and a time with milliseconds is written as JSON writes it (the old CSV path cast
times to whole seconds, which failed on such a time: a 500).
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import orjson
import pyarrow as pa
import pyarrow.csv as pacsv

from core.domain.candles import CandleSeries
from core.use_cases.market_data.get_candles import CandlesAnswer

FIELDS = ("open", "high", "low", "close", "volume")


def iso_times(times: Sequence[int]) -> list[str]:
    return [
        datetime.fromtimestamp(ms / 1000, UTC).strftime(
            "%Y-%m-%dT%H:%M:%SZ" if ms % 60_000 == 0 else "%Y-%m-%dT%H:%M:%S.%fZ"
        )
        for ms in times
    ]


def _times(series: CandleSeries, time_format: str) -> list[Any]:
    times = [int(t) for t in series.times]
    return times if time_format == "epoch_ms" else iso_times(times)


def _values(series: CandleSeries, name: str) -> list[float]:
    return [float(v) for v in getattr(series, name)]


def reference_json(
    answer: CandlesAnswer, source: str, layout: str, many: bool, time_format: str
) -> bytes:
    common = {
        "timeframe": str(answer.timeframe),
        "source_resolution": source,
        "start": answer.start.astimezone(UTC).isoformat().replace("+00:00", "Z"),
        "end": answer.end.astimezone(UTC).isoformat().replace("+00:00", "Z"),
    }
    pages = []
    for page in answer.pages:
        series = page.series
        body: dict[str, Any] = {"symbol": str(series.symbol), "count": len(series)}
        times = _times(series, time_format)
        columns = {name: _values(series, name) for name in FIELDS}
        if layout == "columns":
            body["columns"] = {"timestamp": times, **columns}
        else:
            body["candles"] = [
                {"timestamp": t, **{name: columns[name][i] for name in FIELDS}}
                for i, t in enumerate(times)
            ]
        body["next_cursor"] = page.next_cursor
        pages.append(body)
    return orjson.dumps({**common, "results": pages} if many else {**pages[0], **common})


def reference_table(answer: CandlesAnswer, many: bool, time_format: str | None = None) -> pa.Table:
    """The answer as one table; times as timestamps, or as written in CSV."""
    tables = []
    for page in answer.pages:
        series = page.series
        columns: dict[str, pa.Array] = {}
        if many:
            columns["symbol"] = pa.array([str(series.symbol)] * len(series), pa.string())
        if time_format is None:
            times = pa.array([int(t) for t in series.times], pa.int64())
            columns["timestamp"] = times.cast(pa.timestamp("ms", tz="UTC"))
        else:
            kind = pa.int64() if time_format == "epoch_ms" else pa.string()
            columns["timestamp"] = pa.array(_times(series, time_format), kind)
        for name in FIELDS:
            columns[name] = pa.array(_values(series, name), pa.float64())
        tables.append(pa.table(columns))
    return pa.concat_tables(tables)


def arrow_csv(answer: CandlesAnswer, many: bool, time_format: str) -> bytes:
    """CSV as Arrow's writer wrote it (numbers as Arrow spells them: 1 for 1.0)."""
    # One chunk per column: Arrow's writer wrote NUL bytes for an empty first chunk here.
    table = reference_table(answer, many, time_format).combine_chunks()
    sink = io.BytesIO()
    options = pacsv.WriteOptions(include_header=False, quoting_style="none")
    pacsv.write_csv(table, sink, options)
    return (",".join(table.column_names) + "\n").encode() + sink.getvalue()


def reference_csv(answer: CandlesAnswer, many: bool, time_format: str) -> bytes:
    """CSV with numbers spelled as JSON spells them, nan, inf and -inf as Arrow did."""
    table = reference_table(answer, many, time_format)
    lines = [",".join(table.column_names)]
    for row in zip(*table.to_pydict().values(), strict=True):
        lead = [str(v) for v in row[: -len(FIELDS)]]
        lines.append(",".join(lead + [_csv_number(v) for v in row[-len(FIELDS) :]]))
    return "".join(line + "\n" for line in lines).encode()


def _csv_number(value: float) -> str:
    if math.isnan(value):
        return "nan"
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    return orjson.dumps(value).decode()


def reference_arrow(answer: CandlesAnswer, many: bool, rows: int) -> bytes:
    table = reference_table(answer, many)
    sink = io.BytesIO()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        for batch in table.to_batches(max_chunksize=rows):
            writer.write_batch(batch)
    return sink.getvalue()
