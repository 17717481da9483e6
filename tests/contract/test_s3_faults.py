"""A hung S3 (moto_server stopped with SIGSTOP: its socket accepts, nothing answers) costs
market-data requests a bounded wait and a 503 with Retry-After naming no address, and costs the
rest of the API nothing. The app runs here over the real DuckDB store; moto in its own process."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import boto3
import pytest
from dependency_injector import providers

from adapters.inbound.http.ohlcv.gate import MarketDataGate
from adapters.inbound.http.ohlcv.limits import CandleLimits
from adapters.outbound.duckdb.candle_store import DuckDbCandleStore
from adapters.outbound.duckdb.engine import DuckDbEngine
from adapters.outbound.market_data_storage.bars_table import to_parquet_bytes
from adapters.outbound.market_data_storage.layout import yearly_key
from adapters.outbound.market_data_storage.roots import S3Root, S3Settings
from adapters.outbound.memory.store import InMemoryStore
from adapters.outbound.supabase.minting import mint_token
from bootstrap.container import Container
from bootstrap.settings import Settings
from bootstrap.web import build_app
from core.domain.candles import CandleQuery
from core.domain.errors import Unavailable
from core.domain.timeframe import Timeframe
from core.domain.values import Symbol
from tests.support.in_memory import persistence_in
from tests.support.marketdata import bars, ms, table
from tests.support.processes import free_port, wait_until_up

SECRET = "s3-faults-secret-s3-faults-secret-0123456789"
DATA = "/api/v1/ohlcv/data"
BUCKET = "hung"
AUTH = {"Authorization": f"Bearer {mint_token(SECRET, '6f1c2f4e-8d0a-4c1e-9a55-3f0b8f1d2a10')}"}


@contextmanager
def moto_process(bucket: str = BUCKET) -> Iterator[tuple[subprocess.Popen[bytes], S3Settings]]:
    """moto_server as a process of its own (so it can be stopped), holding BTC for 2023."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    settings = S3Settings(f"127.0.0.1:{port}", "testing", "testing", bucket=bucket)
    try:
        wait_until_up(f"{settings.endpoint_url}/moto-api/")
        client = boto3.client(
            "s3",
            endpoint_url=settings.endpoint_url,
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
            region_name="us-east-1",
        )
        client.create_bucket(Bucket=bucket)
        rows = bars(ms(2023, 1, 1), 60 * 24 * 60, seed=5)
        client.put_object(
            Bucket=bucket, Key=yearly_key("BTC", 2023), Body=to_parquet_bytes(table(rows))
        )
        yield process, settings
    finally:
        process.send_signal(signal.SIGCONT)
        process.terminate()
        process.wait(timeout=30)


@contextmanager
def hung(process: subprocess.Popen[bytes]) -> Iterator[None]:
    """The server stops answering; the kernel still accepts connections to its socket."""
    os.kill(process.pid, signal.SIGSTOP)
    try:
        yield
    finally:
        os.kill(process.pid, signal.SIGCONT)


@pytest.fixture(scope="module")
def s3() -> Iterator[tuple[subprocess.Popen[bytes], S3Settings]]:
    with moto_process() as running:
        yield running


@pytest.fixture
async def client(
    aiohttp_client: Any, s3: tuple[subprocess.Popen[bytes], S3Settings], tmp_path: Path
) -> AsyncIterator[Any]:
    env = {"DATA_DIR": str(tmp_path), "SYMBOLS_CACHE_TTL_SECONDS": "0"}
    container = Container(
        settings=Settings.from_env(env, env_file=None), database_url="-", jwt_secret=SECRET
    )
    container.persistence.override(persistence_in(InMemoryStore()))
    container.market_data.root.override(providers.Singleton(S3Root, s3[1]))
    # Shorter than the storage's own timeouts (5 s, two tries): the deadline answers first.
    gate = MarketDataGate(deadline_seconds=3)
    container.market_data.candle_limits.override(providers.Object(CandleLimits(50_000, gate=gate)))
    container.health_probes.override(providers.List(container.market_data.probe))
    try:
        yield await aiohttp_client(build_app(container))
    finally:
        container.unwire()
        container.reset_singletons()


def month(m: int) -> dict[str, str]:
    return {"symbol": "BTC", "start_date": f"2023-{m:02d}-01", "end_date": f"2023-{m:02d}-28"}


async def test_a_hung_s3_answers_candles_503_with_retry_after_and_the_rest_keeps_answering(
    client: Any, s3: tuple[subprocess.Popen[bytes], S3Settings]
) -> None:
    process, settings = s3
    warm = await client.get(DATA, params=month(1), headers=AUTH)

    with hung(process):
        candles = await client.get(DATA, params=month(2), headers=AUTH)
        listing = await client.get("/api/v1/ohlcv/symbols", headers=AUTH)
        alive = await client.get("/api/v1/health/")
        mine = await client.get("/api/v1/backtests", headers=AUTH)
        health = await (await client.get("/api/v1/health/detailed")).json()
    back = await client.get(DATA, params=month(2), headers=AUTH)

    assert warm.status == 200
    for refused in (candles, listing):
        assert refused.status == 503
        assert int(refused.headers["Retry-After"]) > 0
        text = await refused.text()
        assert settings.endpoint not in text
        assert BUCKET not in text
    assert (alive.status, mine.status) == (200, 200)
    assert health["dependencies"]["market_data"]["status"] == "down"
    assert back.status == 200


async def test_duckdb_gives_up_on_a_hung_read_by_itself(
    s3: tuple[subprocess.Popen[bytes], S3Settings],
) -> None:
    process, settings = s3
    engine, root = DuckDbEngine(workers=1), S3Root(replace(settings, timeout_seconds=1))
    store = DuckDbCandleStore(root, engine)
    day, february = datetime(2023, 1, 2, tzinfo=UTC), datetime(2023, 2, 2, tzinfo=UTC)
    query = CandleQuery(Symbol("BTC"), day, day.replace(day=3), Timeframe.parse("1h"))
    try:
        assert len(await store.candles(query)) == 24
        with hung(process), pytest.raises(Unavailable, match="unreachable") as refused:
            # httpfs' own defaults wait 30 s four times over; a bound of 60 s tells them apart.
            async with asyncio.timeout(60):
                await store.candles(replace(query, start=february, end=february.replace(day=3)))
    finally:
        await root.close()
        await engine.close()

    assert settings.endpoint not in refused.value.detail


async def test_a_query_its_caller_gave_up_on_is_interrupted_and_frees_its_thread() -> None:
    engine = DuckDbEngine(workers=1)
    endless = engine.query("SELECT count(*) FROM range(1000000000000) a")
    try:
        with pytest.raises(TimeoutError):
            async with asyncio.timeout(0.2):
                await engine.run(endless)
        # One thread only: this runs once the endless query has stopped.
        async with asyncio.timeout(30):
            answer = await engine.run(engine.query("SELECT 42 AS answer"))
    finally:
        await engine.close()

    assert answer.column("answer").to_pylist() == [42]
