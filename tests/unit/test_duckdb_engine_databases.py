"""DuckDbEngine's sizes and databases: DuckDB threads as set, and a renewed engine answers
from a new database while a query already running finishes on its own."""

from __future__ import annotations

import asyncio
import threading

import duckdb
import pytest

from adapters.outbound.duckdb.engine import DuckDbEngine
from adapters.outbound.market_data_storage.rewrites import RewriteWatch
from adapters.outbound.market_data_storage.roots import S3Root, S3Settings
from bootstrap.market_data import market_data_engine
from bootstrap.settings import Settings

SETTING = "SELECT current_setting('{}') AS value"


async def setting(engine: DuckDbEngine, name: str) -> object:
    table = await engine.run(engine.query(SETTING.format(name)))
    return table.column("value")[0].as_py()


@pytest.mark.parametrize("threads", [1, 3])
async def test_duckdb_runs_each_query_on_the_threads_it_is_given(threads: int) -> None:
    engine = DuckDbEngine(workers=2, threads=threads)
    try:
        assert await setting(engine, "threads") == threads
        engine.renew()
        assert await setting(engine, "threads") == threads
    finally:
        await engine.close()


async def test_a_renewed_engine_answers_from_a_new_database() -> None:
    engine = DuckDbEngine(workers=2)
    try:
        await engine.run(lambda cursor: cursor.execute("CREATE TABLE kept AS SELECT 1 AS one"))
        engine.renew()
        tables = await engine.run(engine.query("SELECT count(*) AS n FROM duckdb_tables()"))
    finally:
        await engine.close()

    assert tables.column("n").to_pylist() == [0]


async def test_a_query_running_while_the_engine_renews_finishes_on_its_database() -> None:
    engine = DuckDbEngine(workers=2)
    started, release = threading.Event(), threading.Event()

    def slow(cursor: duckdb.DuckDBPyConnection) -> int:
        cursor.execute("CREATE TABLE mine AS SELECT 7 AS seven")
        started.set()
        release.wait(timeout=30)
        return int(cursor.execute("SELECT seven FROM mine").fetchone()[0])  # type: ignore[index]

    try:
        running = asyncio.ensure_future(engine.run(slow))
        await asyncio.to_thread(started.wait, 30)
        engine.renew()
        fresh = await engine.run(engine.query("SELECT count(*) AS n FROM duckdb_tables()"))
        release.set()
        answer = await running
    finally:
        release.set()
        await engine.close()

    assert fresh.column("n").to_pylist() == [0]
    assert answer == 7


async def test_following_a_bucket_keeps_http_metadata_and_each_rewrite_renews() -> None:
    watch = RewriteWatch()
    engine = DuckDbEngine(workers=1)
    try:
        engine.use_s3(S3Settings("127.0.0.1:9", "key", "secret"))
        before = await setting(engine, "enable_http_metadata_cache")
        engine.follow(watch)
        await engine.run(lambda cursor: cursor.execute("CREATE TABLE marker AS SELECT 1 AS one"))
        watch.listed("ohlcv/", {"ohlcv/a.parquet": '"1"'})
        watch.handed("ohlcv/a.parquet")
        watch.listed("ohlcv/", {"ohlcv/a.parquet": '"2"'})
        tables = await engine.run(engine.query("SELECT count(*) AS n FROM duckdb_tables()"))
        after = await setting(engine, "enable_http_metadata_cache")
        secrets = await engine.run(engine.query("SELECT count(*) AS n FROM duckdb_secrets()"))
    finally:
        await engine.close()

    assert (before, after) == (False, True)
    assert tables.column("n").to_pylist() == [0]
    assert secrets.column("n").to_pylist() == [1]  # the new database has the bucket too


async def test_the_app_engine_follows_a_bucket_and_is_sized_by_the_settings() -> None:
    root = S3Root(S3Settings("127.0.0.1:9", "key", "secret"))
    engine = market_data_engine(root, Settings(duckdb_threads=3, duckdb_concurrent_queries=1))
    try:
        kept = await setting(engine, "enable_http_metadata_cache")
        threads = await setting(engine, "threads")
    finally:
        await root.close()
        await engine.close()

    assert (kept, threads) == (True, 3)


async def test_an_http_error_duckdb_cannot_decode_is_a_storage_error() -> None:
    """DuckDB's binding raises UnicodeDecodeError for an HTTP error whose body is binary."""
    engine = DuckDbEngine(workers=1)

    def undecodable(cursor: duckdb.DuckDBPyConnection) -> str:
        return b"\x83PAR1".decode()

    try:
        with pytest.raises(duckdb.IOException, match="changed while it was being read"):
            await engine.run(undecodable)
    finally:
        await engine.close()
