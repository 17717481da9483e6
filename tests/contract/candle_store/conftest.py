"""The stores every CandleStore test runs against: the twin, a folder, an S3 bucket (moto).

`subject` is each store in turn; `on_files` and `files` the file-backed ones, for what only
files can show; `via_sinks` each store filled through the app's own sinks. One moto server
per test module, a fresh bucket per test.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from adapters.outbound.duckdb.candle_store import DuckDbCandleStore
from adapters.outbound.duckdb.engine import DuckDbEngine
from adapters.outbound.market_data_storage.bars_table import to_parquet_bytes
from adapters.outbound.market_data_storage.layout import yearly_key
from adapters.outbound.market_data_storage.roots import LocalRoot, S3Root, S3Settings
from adapters.outbound.market_data_storage.sinks import LocalSink, S3Sink
from adapters.outbound.memory.candle_store import InMemoryCandleStore
from core.ports.candle_store import CandleStore
from tests.support.candles import FILE_KINDS, KINDS, Files, Harness, harness
from tests.support.marketdata import Bar, moto_s3, table


@pytest.fixture(scope="module")
def s3() -> Iterator[S3Settings]:
    with moto_s3() as settings:
        yield settings


@pytest.fixture(params=KINDS)
async def subject(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Harness]:
    s3 = request.getfixturevalue("s3") if request.param == "s3" else None
    async with harness(request.param, tmp_path, s3) as made:
        yield made


@pytest.fixture(params=FILE_KINDS)
async def on_files(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Harness]:
    """The stores that read files, for what only files can show."""
    s3 = request.getfixturevalue("s3") if request.param == "s3" else None
    async with harness(request.param, tmp_path, s3) as made:
        yield made


@pytest.fixture
def files(on_files: Harness) -> Files:
    return on_files.files


Put = Callable[[str, list[Bar]], Awaitable[None]]


class SinkHarness:
    """A store under test and how to put bars into it; `put_raw` is None for the twin."""

    def __init__(
        self, store: CandleStore, put: Put, put_raw: Callable[[str, bytes], Awaitable[None]] | None
    ) -> None:
        self.store = store
        self.put = put
        self.put_raw = put_raw


def by_year(rows: list[Bar]) -> dict[int, list[Bar]]:
    years: dict[int, list[Bar]] = {}
    for bar in rows:
        years.setdefault(datetime.fromtimestamp(bar[0] / 1000, UTC).year, []).append(bar)
    return years


async def put_yearly(sink: LocalSink | S3Sink, symbol: str, rows: list[Bar]) -> None:
    for year, chunk in by_year(rows).items():
        await sink.write(yearly_key(symbol, year), to_parquet_bytes(table(chunk)))


@pytest.fixture(params=["memory", "local", "s3"])
async def via_sinks(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[SinkHarness]:
    if request.param == "memory":
        memory = InMemoryCandleStore()

        async def put_memory(symbol: str, rows: list[Bar]) -> None:
            memory.add(symbol, rows)

        yield SinkHarness(memory, put_memory, None)
        return
    engine = DuckDbEngine(workers=2)
    if request.param == "local":
        root: LocalRoot | S3Root = LocalRoot(tmp_path)
        sink: LocalSink | S3Sink = LocalSink(tmp_path)
    else:
        settings: S3Settings = request.getfixturevalue("s3")
        # A bucket of its own per test keeps the runs apart.
        bucket = f"t{abs(hash(request.node.nodeid)) % 10**12}"
        await _create_bucket(settings, bucket)
        root = S3Root(S3Settings(settings.endpoint, "testing", "testing", bucket=bucket))
        sink = S3Sink(root)
    store = DuckDbCandleStore(root, engine, listing_ttl_seconds=0)

    async def put_duck(symbol: str, rows: list[Bar]) -> None:
        await put_yearly(sink, symbol, rows)

    try:
        yield SinkHarness(store, put_duck, sink.write)
    finally:
        await root.close()
        await engine.close()


async def _create_bucket(settings: S3Settings, bucket: str) -> None:
    root = S3Root(settings)
    try:
        client = await root.client()
        await client.create_bucket(Bucket=bucket)
    finally:
        await root.close()
