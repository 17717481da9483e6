"""One suite for every CandleStore: the in-memory twin, DuckDB on a folder, DuckDB on S3."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from adapters.outbound.duckdb.candle_store import DuckDbCandleStore
from adapters.outbound.duckdb.engine import DuckDbEngine
from adapters.outbound.market_data_storage.bars_table import to_parquet_bytes
from adapters.outbound.market_data_storage.health import MarketDataHealthProbe
from adapters.outbound.market_data_storage.layout import yearly_key
from adapters.outbound.market_data_storage.roots import LocalRoot, S3Root, S3Settings
from adapters.outbound.market_data_storage.sinks import LocalSink, S3Sink
from adapters.outbound.memory.candle_store import InMemoryCandleStore
from core.domain.candles import CandleQuery, SourceResolution
from core.domain.errors import BadMarketData, NotFound, Unavailable
from core.domain.timeframe import Timeframe
from core.domain.values import Symbol
from core.ports.candle_store import CandleStore
from tests.support.marketdata import Bar, bars, moto_s3, ms, table
from tests.support.pandas_reference import flat, flat_approx, resample

# Two days either side of a new year, with gaps: the reads cross two yearly files.
BTC = bars(ms(2023, 12, 30), 4 * 24 * 60, seed=3, gap_every=7)
ETH = bars(ms(2024, 3, 1), 600, seed=4)


@pytest.fixture(scope="module")
def s3() -> Iterator[S3Settings]:
    with moto_s3() as settings:
        yield settings


Put = Callable[[str, list[Bar]], Awaitable[None]]


class Harness:
    """A store under test and how to put bars into it."""

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
async def harness(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Harness]:
    if request.param == "memory":
        memory = InMemoryCandleStore()

        async def put_memory(symbol: str, rows: list[Bar]) -> None:
            memory.add(symbol, rows)

        yield Harness(memory, put_memory, None)
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
        yield Harness(store, put_duck, sink.write)
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


def query(symbol: str, start: datetime, end: datetime, tf: str = "1h") -> CandleQuery:
    return CandleQuery(Symbol(symbol), start, end, Timeframe.parse(tf))


def at(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)  # type: ignore[misc]


async def test_symbols_list_with_their_years(harness: Harness) -> None:
    await harness.put("BTC", BTC)
    await harness.put("ETH", ETH)

    listed = await harness.store.symbols(SourceResolution.YEARLY)

    assert [(c.symbol.value, c.years) for c in listed] == [
        ("BTC", (2023, 2024)),
        ("ETH", (2024,)),
    ]


async def test_coverage_of_an_unknown_symbol_is_not_found(harness: Harness) -> None:
    await harness.put("BTC", BTC)

    with pytest.raises(NotFound):
        await harness.store.coverage(Symbol("DOGE"), SourceResolution.YEARLY)
    with pytest.raises(NotFound):
        await harness.store.candles(query("DOGE", at(2024, 1, 1), at(2024, 1, 2)))


@pytest.mark.parametrize("tf", ["1m", "5m", "7m", "1h", "4h", "1d", "3d", "1w", "1M"])
async def test_a_read_across_the_year_boundary_aggregates_by_the_rules(
    harness: Harness, tf: str
) -> None:
    await harness.put("BTC", BTC)
    start, end = at(2023, 12, 30, 5), at(2024, 1, 2, 17, 30)

    series = await harness.store.candles(query("BTC", start, end, tf))

    expected = reference(BTC, start, end, tf)
    assert list(series.times) == [row[0] for row in expected]
    assert flat(series.rows()) == flat_approx(expected)


async def test_a_range_with_no_bars_is_empty(harness: Harness) -> None:
    await harness.put("ETH", ETH)

    series = await harness.store.candles(query("ETH", at(2024, 6, 1), at(2024, 7, 1)))

    assert len(series) == 0


async def test_only_the_files_of_the_requested_years_are_read(harness: Harness) -> None:
    if harness.put_raw is None:
        pytest.skip("the in-memory twin has no files")
    await harness.put("ETH", ETH)
    await harness.put_raw(yearly_key("ETH", 2019), b"not parquet at all")

    series = await harness.store.candles(query("ETH", at(2024, 3, 1), at(2024, 3, 2)))

    assert len(series) == 10


async def test_a_file_that_is_not_parquet_is_named_in_the_error(harness: Harness) -> None:
    if harness.put_raw is None:
        pytest.skip("the in-memory twin has no files")
    await harness.put_raw(yearly_key("BAD", 2024), b"garbage bytes, no magic")

    with pytest.raises(BadMarketData, match=r"BAD_2024\.parquet"):
        await harness.store.candles(query("BAD", at(2024, 1, 1), at(2024, 2, 1)))


@pytest.mark.parametrize(
    ("columns", "problem"),
    [
        (
            {
                "when": pa.array([1], pa.int64()),
                "open": [1.0],
                "high": [1.0],
                "low": [1.0],
                "close": [1.0],
            },
            "no time column",
        ),
        (
            {
                "timestamp": ["2024-01-01"],
                "open": [1.0],
                "high": [1.0],
                "low": [1.0],
                "close": [1.0],
            },
            "expected a timestamp",
        ),
        (
            {"timestamp": pa.array([1], pa.int64()), "open": [1.0], "high": [1.0], "close": [1.0]},
            "missing column",
        ),
    ],
)
async def test_a_file_with_the_wrong_columns_is_named_with_its_problem(
    harness: Harness, columns: dict[str, object], problem: str
) -> None:
    if harness.put_raw is None:
        pytest.skip("the in-memory twin has no files")
    await harness.put_raw(yearly_key("ODD", 2024), parquet(pa.table(columns)))

    with pytest.raises(BadMarketData, match=rf"ODD_2024\.parquet.*{problem}"):
        await harness.store.candles(query("ODD", at(2024, 1, 1), at(2024, 2, 1)))


@pytest.mark.parametrize("name", ["time", "datetime", "ts", "Timestamp"])
async def test_other_time_column_names_and_epoch_milliseconds_are_read(
    harness: Harness, name: str
) -> None:
    if harness.put_raw is None:
        pytest.skip("the in-memory twin has no files")
    rows = ETH[:120]
    columns = list(zip(*rows, strict=True))
    epoch_ms = pa.table(
        {
            name: pa.array(columns[0], pa.int64()),
            "open": columns[1],
            "high": columns[2],
            "low": columns[3],
            "close": columns[4],
        }
    )
    await harness.put_raw(yearly_key("EPOCH", 2024), parquet(epoch_ms))

    series = await harness.store.candles(query("EPOCH", at(2024, 3, 1), at(2024, 3, 2)))

    expected = reference([(*r[:5], 0.0) for r in rows], at(2024, 3, 1), at(2024, 3, 2), "1h")
    assert flat(series.rows()) == flat_approx(expected)


async def test_the_legacy_daily_layout_is_read_by_day(harness: Harness) -> None:
    if harness.put_raw is None:
        pytest.skip("the in-memory twin has no files")
    two_days = bars(ms(2024, 3, 1), 2 * 24 * 60, seed=5)
    for day in (1, 2):
        chunk = [b for b in two_days if datetime.fromtimestamp(b[0] / 1000, UTC).day == day]
        key = f"ohlcv/1m/symbol=ETH/date=2024-03-0{day}/part-0.parquet"
        await harness.put_raw(key, parquet(table(chunk)))
    daily = CandleQuery(
        Symbol("ETH"), at(2024, 3, 1), at(2024, 3, 3), Timeframe.parse("1h"), SourceResolution.DAILY
    )

    series = await harness.store.candles(daily)
    coverage = await harness.store.coverage(Symbol("ETH"), SourceResolution.DAILY)

    expected = reference(two_days, at(2024, 3, 1), at(2024, 3, 3), "1h")
    assert flat(series.rows()) == flat_approx(expected)
    assert [str(d) for d in coverage.days] == ["2024-03-01", "2024-03-02"]


async def test_unreachable_storage_is_unavailable() -> None:
    root = S3Root(S3Settings("127.0.0.1:1", "k", "s", bucket="nowhere"), timeout_seconds=1)
    engine = DuckDbEngine(workers=1)
    store = DuckDbCandleStore(root, engine)
    try:
        with pytest.raises(Unavailable):
            await store.symbols(SourceResolution.YEARLY)
        assert (await MarketDataHealthProbe(root).check()).ok is False
    finally:
        await root.close()
        await engine.close()


def parquet(data: pa.Table) -> bytes:
    import io

    sink = io.BytesIO()
    pq.write_table(data, sink)
    return sink.getvalue()


def reference(rows: list[Bar], start: datetime, end: datetime, tf: str) -> list[Bar]:
    return resample(rows, tf, start, end)
