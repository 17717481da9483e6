"""Benchmark: candles from one year of 1-minute bars, side by side, in one process run.

    python bench/ohlcv.py [--repeat 7] [--markdown BENCHMARKS-ohlcv.md]

Contenders, on the same files:
  first     our store's very first query: fresh engine, nothing listed or cached yet
  floor     the raw DuckDB query alone (a hand-written equivalent of ours, no Python around it)
  store     our DuckDbCandleStore called directly
  http-cold our HTTP endpoint with its response cache cleared before every request (DuckDB's
            own metadata caches stay warm, as in a running server)
  http-warm our HTTP endpoint answering from its response cache
  pandas    what a user would write instead: read_parquet + resample
  polars    read_parquet + group_by_dynamic

Cases: one year of 1m bars to 1h and to 1d, one month returned at 1m; on a local folder and
on S3 (moto's server on 127.0.0.1, real HTTP through DuckDB's httpfs). Prints medians and the
ratios to the floor and to pandas. The reference run is `floor` on the same machine.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import duckdb  # noqa: E402
import pandas as pd  # noqa: E402
import polars as pl  # noqa: E402
from aiohttp.test_utils import TestClient, TestServer  # noqa: E402
from dependency_injector import providers  # noqa: E402

from adapters.outbound.duckdb.candle_store import DuckDbCandleStore  # noqa: E402
from adapters.outbound.duckdb.engine import DuckDbEngine, httpfs_extension  # noqa: E402
from adapters.outbound.duckdb.layout import yearly_key  # noqa: E402
from adapters.outbound.duckdb.roots import LocalRoot, S3Root  # noqa: E402
from adapters.outbound.memory.store import InMemoryStore  # noqa: E402
from adapters.outbound.memory.unit_of_work import InMemoryUnitOfWork  # noqa: E402
from adapters.outbound.parquet.bars_table import to_parquet_bytes  # noqa: E402
from adapters.outbound.parquet.sample_data import SAMPLE_SYMBOLS, sample_year  # noqa: E402
from adapters.outbound.parquet.sinks import LocalSink, S3Sink  # noqa: E402
from adapters.outbound.supabase.minting import mint_token  # noqa: E402
from bootstrap.container import Container  # noqa: E402
from bootstrap.settings import Settings  # noqa: E402
from bootstrap.web import build_app  # noqa: E402
from core.domain.candles import CandleQuery  # noqa: E402
from core.domain.timeframe import Timeframe  # noqa: E402
from core.domain.values import Symbol  # noqa: E402

SECRET = "benchmark-secret-benchmark-secret-benchmark"
YEAR = 2023
CASES = [
    ("1y 1m->1h", "1h", "2023-01-01", "2023-12-31", "1h"),
    ("1y 1m->1d", "1d", "2023-01-01", "2023-12-31", "1D"),
    ("1 month at 1m", "1m", "2023-03-01", "2023-03-31", None),
]


def span(start: str, end: str) -> tuple[datetime, datetime]:
    first = datetime.fromisoformat(start).replace(tzinfo=UTC)
    last = datetime.fromisoformat(end).replace(tzinfo=UTC)
    return first, last + pd.Timedelta(days=1).to_pytimedelta()


def floor_sql(url: str, width_ms: int) -> str:
    return (
        f"SELECT (epoch_ms(timestamp) // {width_ms}) * {width_ms} AS bucket, "
        "arg_min(open, timestamp), max(high), min(low), arg_max(close, timestamp), sum(volume) "
        f"FROM read_parquet('{url}') WHERE timestamp >= $1 AND timestamp < $2 "
        "GROUP BY bucket ORDER BY bucket"
    )


async def median_ms(
    work: Callable[[], Awaitable[Any]], repeat: int, before: Callable[[], None] | None = None
) -> float:
    await work()  # one warm-up run, not counted
    samples = []
    for _ in range(repeat):
        if before:
            before()
        started = time.perf_counter()
        await work()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


async def first_query_ms(root: LocalRoot | S3Root, query: CandleQuery) -> float:
    """A fresh engine and store: no listing, schema or file cache of any kind yet."""
    fresh_root = S3Root(root.settings) if isinstance(root, S3Root) else LocalRoot(root.path)
    engine = DuckDbEngine(workers=2)
    try:
        started = time.perf_counter()
        await DuckDbCandleStore(fresh_root, engine).candles(query)
        return (time.perf_counter() - started) * 1000
    finally:
        await fresh_root.close()
        await engine.close()


def sync(fn: Callable[[], Any]) -> Callable[[], Awaitable[Any]]:
    async def run() -> Any:
        return fn()

    return run


async def bench_root(
    label: str, root: LocalRoot | S3Root, url: str, repeat: int, pandas_path: str
) -> list[dict[str, Any]]:
    engine = DuckDbEngine(workers=2)
    store = DuckDbCandleStore(root, engine, listing_ttl_seconds=3600)
    floor_db = duckdb.connect(
        config={"autoinstall_known_extensions": False, "autoload_known_extensions": False}
    )
    if isinstance(root, S3Root):
        floor_db.execute(f"LOAD '{httpfs_extension()}'")
        s = root.settings
        floor_db.execute(
            f"CREATE SECRET (TYPE s3, KEY_ID '{s.access_key}', SECRET '{s.secret_key}', "
            f"ENDPOINT '{s.endpoint}', URL_STYLE 'path', USE_SSL false, REGION 'us-east-1')"
        )
    settings = Settings.from_env({"DATA_DIR": tempfile.mkdtemp()}, env_file=None)
    container = Container(settings=settings, database_url="postgresql://unused", jwt_secret=SECRET)
    container.uow.override(providers.Factory(InMemoryUnitOfWork, InMemoryStore()))
    container.database_lifecycle.override(providers.Object(None))
    container.market_data_lifecycle.override(providers.Object(None))
    container.candle_store.override(providers.Object(store))
    client = TestClient(TestServer(build_app(container)))
    await client.start_server()
    headers = {"Authorization": f"Bearer {mint_token(SECRET, str(uuid.uuid4()))}"}
    cache = container.ohlcv_cache()
    rows = []
    try:
        for name, tf, start, end, pandas_rule in CASES:
            first, last = span(start, end)
            timeframe = Timeframe.parse(tf)
            width = (timeframe.minutes or 1) * 60_000
            query = CandleQuery(Symbol("BTC"), first, last, timeframe)
            params = {"symbol": "BTC", "start_date": start, "end_date": end, "timeframe": tf}

            async def http() -> None:
                response = await client.get("/api/v1/ohlcv/data", params=params, headers=headers)
                assert response.status == 200, await response.text()
                await response.read()

            def clear() -> None:
                cache._immutable.clear()
                cache._live.clear()

            def pandas_way() -> Any:
                frame = pd.read_parquet(
                    pandas_path, filters=[("timestamp", ">=", first), ("timestamp", "<", last)]
                )
                frame = frame.set_index("timestamp")
                if pandas_rule is None:
                    return frame
                return (
                    frame.resample(pandas_rule, label="left", closed="left")
                    .agg(
                        {
                            "open": "first",
                            "high": "max",
                            "low": "min",
                            "close": "last",
                            "volume": "sum",
                        }
                    )
                    .dropna()
                )

            def polars_way() -> Any:
                frame = pl.scan_parquet(pandas_path).filter(
                    (pl.col("timestamp") >= first) & (pl.col("timestamp") < last)
                )
                if pandas_rule is None:
                    return frame.collect()
                return (
                    frame.sort("timestamp")
                    .group_by_dynamic("timestamp", every=tf, closed="left", label="left")
                    .agg(
                        pl.col("open").first(),
                        pl.col("high").max(),
                        pl.col("low").min(),
                        pl.col("close").last(),
                        pl.col("volume").sum(),
                    )
                    .collect()
                )

            times = {
                "first": await first_query_ms(root, query),
                "floor": await median_ms(
                    sync(
                        lambda: floor_db.execute(
                            floor_sql(url, width), [first, last]
                        ).to_arrow_table()
                    ),
                    repeat,
                ),
                "store": await median_ms(lambda: store.candles(query), repeat),
                "http-cold": await median_ms(http, repeat, before=clear),
                "http-warm": await median_ms(http, repeat),
            }
            if isinstance(root, LocalRoot):
                times["pandas"] = await median_ms(sync(pandas_way), repeat)
                times["polars"] = await median_ms(sync(polars_way), repeat)
            rows.append({"where": label, "case": name, **times})
    finally:
        await client.close()
        await engine.close()
        await root.close()
    return rows


def table(rows: list[dict[str, Any]]) -> str:
    contenders = ["first", "floor", "store", "http-cold", "http-warm", "pandas", "polars"]
    lines = [
        "| where | case | "
        + " | ".join(f"{c} ms" for c in contenders)
        + " | http-warm / floor | http-cold / floor | pandas / http-warm |",
        "|---" * (len(contenders) + 5) + "|",
    ]
    for row in rows:
        cells = [f"{row[c]:.1f}" if c in row else "-" for c in contenders]
        warm = row["http-warm"] / row["floor"]
        cold = row["http-cold"] / row["floor"]
        vs_pandas = f"{row['pandas'] / row['http-warm']:.1f}x" if "pandas" in row else "-"
        lines.append(
            f"| {row['where']} | {row['case']} | "
            + " | ".join(cells)
            + f" | {warm:.2f} | {cold:.2f} | {vs_pandas} |"
        )
    return "\n".join(lines)


async def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--markdown", type=Path, help="also write the table to this file")
    parser.add_argument("--no-s3", action="store_true")
    args = parser.parse_args()

    data = Path(tempfile.mkdtemp(prefix="bench-ohlcv-"))
    body = to_parquet_bytes(sample_year(SAMPLE_SYMBOLS[0], YEAR))
    key = yearly_key("BTC", YEAR)
    await LocalSink(data).write(key, body)
    print(
        f"data: one year of BTC sample 1-minute bars, {len(body) / 1e6:.1f} MB of Parquet",
        file=sys.stderr,
    )
    rows = await bench_root("local", LocalRoot(data), str(data / key), args.repeat, str(data / key))
    if not args.no_s3:
        sys.path.insert(0, str(ROOT))
        from tests.support.marketdata import moto_s3

        with moto_s3() as settings:
            root = S3Root(settings)
            await S3Sink(root).write(key, body)
            rows += await bench_root(
                "s3 (moto)",
                S3Root(settings),
                f"s3://{settings.bucket}/{key}",
                args.repeat,
                str(data / key),
            )
    report = table(rows)
    print(report)
    if args.markdown:
        args.markdown.write_text(report + "\n")


if __name__ == "__main__":
    asyncio.run(main())
