"""The encoders bench/ohlcv_encoding.py measures ours against, each from the same columns.

"(before)": what this API did before it encoded from numpy columns. The others are the
fastest alternatives found that write the same bytes: DuckDB turning each row into text and
aggregating (multi-threaded C++, on the columns without a copy), and orjson over numpy arrays.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import duckdb
import numpy as np
import orjson
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from adapters.inbound.http.ohlcv.encoders import ROWS_PER_CHUNK
from core.domain.candles import CandleSeries

FIELDS = ["open", "high", "low", "close", "volume"]
ISO_SQL = "strftime(make_timestamp(t * 1000), '%Y-%m-%dT%H:%M:%SZ')"
Encoder = Callable[[], bytes]


def iso_list(times: list[int]) -> list[str]:
    """ISO strings one by one, as the API wrote them before (each day's prefix reused)."""
    days: dict[int, str] = {}
    out = []
    for ms in times:
        day, rest = divmod(ms, 86_400_000)
        if day not in days:
            days[day] = datetime.fromtimestamp(day * 86_400, UTC).strftime("%Y-%m-%d")
        out.append(f"{days[day]}T{rest // 3_600_000:02d}:{rest // 60_000 % 60:02d}:00Z")
    return out


def document(s: CandleSeries, candles: Any, key: str = "candles") -> bytes:
    page = {"symbol": str(s.symbol), "count": len(s), key: candles, "next_cursor": None}
    common = {"timeframe": "1m", "source_resolution": "1Y"}
    common |= {"start": "2017-01-01T00:00:00Z", "end": "2017-02-01T00:00:00Z"}
    return orjson.dumps(page | common, option=orjson.OPT_SERIALIZE_NUMPY)


def dict_rows(s: CandleSeries, tf: str) -> Encoder:
    """As before: Arrow to Python lists, one dict per candle, orjson."""

    def run() -> bytes:
        times = np.asarray(s.times).tolist()
        stamps = times if tf == "epoch_ms" else iso_list(times)
        cols = [np.asarray(getattr(s, f)).tolist() for f in FIELDS]
        keys = ["timestamp", *FIELDS]
        rows = [dict(zip(keys, r, strict=True)) for r in zip(stamps, *cols, strict=True)]
        return document(s, rows)

    return run


def duckdb_text(s: CandleSeries, row_sql: str, joiner: str) -> Callable[[], str]:
    """DuckDB writing each row's text and aggregating them, on the same columns (no copy)."""
    db = duckdb.connect()
    db.register("frame", pa.table({"t": s.times, **{f: getattr(s, f) for f in FIELDS}}))
    sql = f"SELECT string_agg({row_sql}, '{joiner}' ORDER BY t) FROM frame"
    return lambda: db.execute(sql).fetchone()[0]  # type: ignore[index]


def duckdb_rows(s: CandleSeries, tf: str) -> Encoder:
    fields = ", ".join(f"'{f}': {f}" for f in FIELDS)
    row = f"to_json({{'timestamp': {'t' if tf == 'epoch_ms' else ISO_SQL}, {fields}}})"
    text = duckdb_text(s, row, ",")
    return lambda: document(s, orjson.Fragment("[" + text() + "]"))


def duckdb_csv(s: CandleSeries) -> Encoder:
    text = duckdb_text(s, f"concat_ws(',', {ISO_SQL}, {', '.join(FIELDS)})", "\n")
    return lambda: ("timestamp," + ",".join(FIELDS) + "\n" + text() + "\n").encode()


def column_lists(s: CandleSeries, numpy: bool) -> Encoder:
    """orjson over the columns as lists (before), or over numpy arrays in one call."""

    def run() -> bytes:
        values = {f: getattr(s, f) if numpy else getattr(s, f).tolist() for f in FIELDS}
        times = iso_list(np.asarray(s.times).tolist())
        return document(s, {"timestamp": times, **values}, "columns")

    return run


def arrow_csv_writer(s: CandleSeries) -> Encoder:
    """As before: strftime, then Arrow's CSV writer 5,000 rows at a time."""
    options = pacsv.WriteOptions(include_header=False, quoting_style="none")

    def run() -> bytes:
        stamps = (
            pa.array(s.times).cast(pa.timestamp("ms", tz="UTC")).cast(pa.timestamp("s", tz="UTC"))
        )
        times = pc.strftime(stamps, format="%Y-%m-%dT%H:%M:%SZ")
        table = pa.table({"timestamp": times, **{f: getattr(s, f) for f in FIELDS}})
        out = [("timestamp," + ",".join(FIELDS) + "\n").encode()]
        for start in range(0, table.num_rows, 5_000):
            sink = pa.BufferOutputStream()
            pacsv.write_csv(table.slice(start, 5_000), sink, options)
            out.append(sink.getvalue().to_pybytes())
        return b"".join(out)

    return run


def arrow_from_lists(s: CandleSeries) -> Encoder:
    """As before: Python lists back into Arrow arrays, then the IPC stream, in batches of
    the size ours writes (so that the bytes compare)."""

    def run() -> bytes:
        times = pa.array(np.asarray(s.times).tolist(), pa.int64())
        times = times.cast(pa.timestamp("ms", tz="UTC"))
        values = {f: pa.array(getattr(s, f).tolist(), pa.float64()) for f in FIELDS}
        table = pa.table({"timestamp": times, **values})
        sink = pa.BufferOutputStream()
        with pa.ipc.new_stream(sink, table.schema) as writer:
            for batch in table.to_batches(max_chunksize=ROWS_PER_CHUNK):
                writer.write_batch(batch)
        return sink.getvalue().to_pybytes()

    return run
