"""The contenders of a case; every contender returns the number of candles it made.

floor        the raw DuckDB query over the minute files, hand-written, nothing around it
http         GET /api/v1/ohlcv/data (JSON rows) from a server with no response cache, the
             body decoded by orjson.loads as a client would; the client sends aiohttp's
             default Accept-Encoding (gzip, deflate, br), as browsers and HTTP libraries do,
             so the server's compression and the client's decompression are in the time
http-identity  the same with Accept-Encoding: identity (no compression either side)
http-arrow   format=arrow (default Accept-Encoding), decoded into a pyarrow Table
http-cached  the JSON request again on a server with its response cache on: a cache hit,
             reported apart and never used for a target
pandas       pd.read_parquet of the yearly files the range touches, with a time filter,
             then resample
polars       pl.scan_parquet of the same files, filter, group_by_dynamic; the files are
             sorted by time and scanned in order, so the column is declared sorted
             (set_sorted) instead of sorted again

The library contenders read the same list of minute files as the floor (not a folder glob,
which would also pick up rollup files written beside the minutes).
"""

from __future__ import annotations

import importlib.util
from collections.abc import Awaitable, Callable

import aiohttp
import duckdb
import orjson
import pandas as pd
import pyarrow as pa

from bench.ohlcv_cases import OHLCV, Case, floor_sql
from bench.ohlcv_server import Served
from bench.ohlcv_store import BenchStore

Work = Callable[[], Awaitable[int]]


def floor(case: Case, store: BenchStore, db: duckdb.DuckDBPyConnection) -> Work:
    sql = floor_sql(case, store.files(case.symbol, case.start.year, case.end.year))

    async def run() -> int:
        return db.execute(sql, [case.first, case.stop]).to_arrow_table().num_rows

    return run


def http(
    case: Case, session: aiohttp.ClientSession, served: Served, fmt: str, identity: bool = False
) -> Work:
    url, params = served.base + "/api/v1/ohlcv/data", case.params(fmt)
    headers = served.headers | ({"Accept-Encoding": "identity"} if identity else {})

    async def run() -> int:
        async with session.get(url, params=params, headers=headers) as response:
            body = await response.read()
            if response.status != 200:
                raise RuntimeError(
                    f"{served.name} {params} {headers.get('Accept-Encoding')}: "
                    f"{response.status} {body[:300]!r}\n{served.log.read_text()[-3000:]}"
                )
        if fmt == "arrow":
            return pa.ipc.open_stream(body).read_all().num_rows
        return len(orjson.loads(body)["candles"])

    return run


# The bucket rules of the API: open = first, high = max, low = min, close = last, volume = sum.
PANDAS_RULES = {"open": "first", "high": "max", "low": "min", "close": "last", "volume": "sum"}


def pandas_way(case: Case, store: BenchStore) -> Work:
    files = store.files(case.symbol, case.start.year, case.end.year)

    async def run() -> int:
        frame = pd.read_parquet(
            files,
            columns=["timestamp", *OHLCV],
            filters=[("timestamp", ">=", case.first), ("timestamp", "<", case.stop)],
        )
        frame = frame.set_index("timestamp")
        if case.pandas_rule is not None:
            frame = (
                frame.resample(case.pandas_rule, label="left", closed="left")
                .agg(PANDAS_RULES)
                .dropna()
            )
        return len(frame)

    return run


def polars_missing() -> bool:
    return importlib.util.find_spec("polars") is None


def polars_way(case: Case, store: BenchStore) -> Work | None:
    """None when polars is not installed (it is in the `bench` extra)."""
    try:
        import polars as pl
    except ImportError:
        return None
    files = store.files(case.symbol, case.start.year, case.end.year)

    async def run() -> int:
        frame = pl.scan_parquet(files, hive_partitioning=False).filter(
            (pl.col("timestamp") >= case.first) & (pl.col("timestamp") < case.stop)
        )
        if case.pandas_rule is None:
            return frame.collect().height
        return (
            frame.set_sorted("timestamp")
            .group_by_dynamic("timestamp", every=case.timeframe, closed="left", label="left")
            .agg(
                pl.col("open").first(),
                pl.col("high").max(),
                pl.col("low").min(),
                pl.col("close").last(),
                pl.col("volume").sum(),
            )
            .collect()
            .height
        )

    return run


def contenders(
    case: Case,
    store: BenchStore,
    db: duckdb.DuckDBPyConnection,
    session: aiohttp.ClientSession,
    servers: dict[str, Served],
) -> dict[str, Work]:
    """Every contender of the case that can run here, in the order the tables show them."""
    work: dict[str, Work] = {"floor": floor(case, store, db)}
    if "uncached" in servers:
        for fmt in case.formats:
            name = "http" if fmt == "json" else f"http-{fmt}"
            work[name] = http(case, session, servers["uncached"], fmt)
            if fmt == "json":
                work["http-identity"] = http(case, session, servers["uncached"], fmt, True)
    work["pandas"] = pandas_way(case, store)
    polars = polars_way(case, store)
    if polars is not None:
        work["polars"] = polars
    if "cached" in servers:
        work["http-cached"] = http(case, session, servers["cached"], "json")
    return work
