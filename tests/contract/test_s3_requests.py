"""What the store asks of a real S3 endpoint (moto_server in its own process, over HTTP),
counted from the server's own request log: warm queries send no HEAD, and a rewritten
object is read anew (never stale, never an error) once the listing shows its new ETag."""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import boto3
import pyarrow as pa
import pytest

from adapters.outbound.duckdb.candle_store import DuckDbCandleStore
from adapters.outbound.duckdb.engine import DuckDbEngine
from adapters.outbound.market_data_storage.bars_table import to_parquet_bytes
from adapters.outbound.market_data_storage.layout import yearly_key
from adapters.outbound.market_data_storage.roots import S3Root, S3Settings
from adapters.outbound.parquet.sample_data import SAMPLE_SYMBOLS, sample_year
from bootstrap.market_data import market_data_engine
from bootstrap.settings import Settings
from core.domain.candles import CandleQuery, CandleSeries
from core.domain.timeframe import Timeframe
from core.domain.values import Symbol
from tests.support.processes import free_port, wait_until_up

BUCKET = "counted"
YEARS = (2023, 2024)
BTC = SAMPLE_SYMBOLS[0]
MINUTES = 150_000  # January to mid-April of each year: four row groups, one per month
# A request line as werkzeug logs it, maybe inside terminal colour codes.
REQUEST = re.compile(rf'"(?:\x1b\[[0-9;]*m)*([A-Z]+) /{BUCKET}[/? ]')


@dataclass
class Moto:
    settings: S3Settings
    log: Path

    def requests(self) -> Counter[str]:
        return Counter(REQUEST.findall(self.log.read_text(errors="replace")))

    def put(self, key: str, table: pa.Table) -> None:
        client = boto3.client(
            "s3",
            endpoint_url=self.settings.endpoint_url,
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
            region_name="us-east-1",
        )
        client.put_object(Bucket=BUCKET, Key=key, Body=to_parquet_bytes(table))


def minutes(year: int, seed: int = 7, count: int = MINUTES) -> pa.Table:
    return sample_year(BTC, year, seed=seed).slice(0, count)


@pytest.fixture(scope="module")
def moto(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Moto]:
    """moto_server logging each request line; BTC's 2023 and 2024 minutes in the bucket."""
    log = tmp_path_factory.mktemp("moto") / "requests.log"
    port = free_port()
    with log.open("w") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
            stdout=sink, stderr=sink,
        )  # fmt: skip
    running = Moto(S3Settings(f"127.0.0.1:{port}", "testing", "testing", bucket=BUCKET), log)
    try:
        wait_until_up(f"{running.settings.endpoint_url}/moto-api/")
        boto3.client(
            "s3",
            endpoint_url=running.settings.endpoint_url,
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
            region_name="us-east-1",
        ).create_bucket(Bucket=BUCKET)
        for year in YEARS:
            running.put(yearly_key("BTC", year), minutes(year))
        yield running
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.fixture
async def store(moto: Moto) -> AsyncIterator[DuckDbCandleStore]:
    """The store as the app wires it (bootstrap.market_data), listings kept for an hour."""
    for year in YEARS:  # the objects as the module fixture wrote them
        moto.put(yearly_key("BTC", year), minutes(year))
    root = S3Root(moto.settings)
    engine = market_data_engine(root, Settings())
    try:
        yield DuckDbCandleStore(root, engine, listing_ttl_seconds=3600)
    finally:
        await root.close()
        await engine.close()


def hourly(start: datetime, end: datetime) -> CandleQuery:
    return CandleQuery(Symbol("BTC"), start, end, Timeframe.parse("1h"))


BOTH_YEARS = hourly(datetime(2023, 1, 1, tzinfo=UTC), datetime(2025, 1, 1, tzinfo=UTC))


async def heads_per_query(store: DuckDbCandleStore, moto: Moto, times: int) -> list[int]:
    counts = []
    for _ in range(times):
        before = moto.requests()
        await store.candles(BOTH_YEARS)
        counts.append((moto.requests() - before)["HEAD"])
    return counts


async def test_warm_queries_send_no_head_request(store: DuckDbCandleStore, moto: Moto) -> None:
    await store.candles(BOTH_YEARS)  # cold: lists, inspects and reads both years

    heads = await heads_per_query(store, moto, times=3)

    assert heads == [0, 0, 0]


async def test_without_the_listing_watch_every_warm_query_heads_every_file(moto: Moto) -> None:
    """The figure the watch removes (and proof that the request count sees HEADs)."""
    root, engine = S3Root(moto.settings), DuckDbEngine(workers=1)
    store = DuckDbCandleStore(root, engine, listing_ttl_seconds=3600)
    try:
        await store.candles(BOTH_YEARS)
        heads = await heads_per_query(store, moto, times=3)
    finally:
        await root.close()
        await engine.close()

    assert heads == [len(YEARS)] * 3


async def test_a_rewritten_object_is_read_anew_once_the_listing_refreshes(
    store: DuckDbCandleStore, moto: Moto
) -> None:
    before = await store.candles(BOTH_YEARS)
    shorter = minutes(2024, seed=11, count=100_000)  # another size, other prices
    moto.put(yearly_key("BTC", 2024), shorter)

    store.forget_listings()
    after = await store.candles(BOTH_YEARS)
    again = await store.candles(BOTH_YEARS)

    expected = await fresh_read(moto, BOTH_YEARS)
    assert len(after) < len(before)
    assert after == again == expected


async def test_a_rewrite_met_before_the_listing_notices_is_read_not_refused(
    store: DuckDbCandleStore, moto: Moto
) -> None:
    january = hourly(datetime(2024, 1, 1, tzinfo=UTC), datetime(2024, 2, 1, tzinfo=UTC))
    march = hourly(datetime(2024, 3, 1, tzinfo=UTC), datetime(2024, 4, 1, tzinfo=UTC))
    await store.candles(january)  # DuckDB keeps the object's size and ETag, and January's bytes
    moto.put(yearly_key("BTC", 2024), minutes(2024, seed=12))

    answer = await store.candles(march)  # bytes it never read: the kept ETag no longer matches

    assert answer == await fresh_read(moto, march)


async def fresh_read(moto: Moto, query: CandleQuery) -> CandleSeries:
    """What a store that keeps nothing between queries reads now."""
    root, engine = S3Root(moto.settings), DuckDbEngine(workers=1)
    try:
        return await DuckDbCandleStore(root, engine, listing_ttl_seconds=0).candles(query)
    finally:
        await root.close()
        await engine.close()
