"""One suite for every CandleStore: the in-memory twin, DuckDB on a folder, DuckDB on S3 (moto).

Expected answers come from pandas (tests.support.pandas_reference), never from our own code.
What only files can show (bad ones, other column names, which files are read) runs on the
file-backed stores alone.
"""

from __future__ import annotations

import asyncio
import io
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from adapters.outbound.duckdb.candle_store import DuckDbCandleStore
from adapters.outbound.duckdb.engine import DuckDbEngine
from adapters.outbound.market_data_storage.health import MarketDataHealthProbe
from adapters.outbound.market_data_storage.layout import daily_key, yearly_key
from adapters.outbound.market_data_storage.roots import LocalRoot, S3Root, S3Settings
from core.domain.candles import SourceResolution
from core.domain.columns import FLOAT, INT, packed
from core.domain.errors import BadMarketData, NotFound, Unavailable
from core.domain.values import Symbol
from tests.support.candles import (
    FILE_KINDS,
    KINDS,
    Files,
    Harness,
    at,
    harness,
    parquet,
    query,
)
from tests.support.marketdata import Bar, bars, moto_s3, ms, table
from tests.support.pandas_reference import flat, flat_approx, resample

# Four days around a new year, with gaps: reads across it touch two yearly files.
BTC = bars(ms(2023, 12, 30), 4 * 24 * 60, seed=3, gap_every=7)
ETH = bars(ms(2024, 3, 1), 600, seed=4)
YEARLY, DAILY = SourceResolution.YEARLY, SourceResolution.DAILY


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


def assert_same(actual: list[Bar], expected: list[Bar]) -> None:
    assert [row[0] for row in actual] == [row[0] for row in expected]
    assert flat(actual) == flat_approx(expected)


# Listing and coverage


async def test_symbols_are_listed_in_order_with_their_years(subject: Harness) -> None:
    await subject.put("ETH", ETH)
    await subject.put("BTC", BTC)

    listed = await subject.store.symbols(YEARLY)

    assert [(c.symbol.value, c.years) for c in listed] == [("BTC", (2023, 2024)), ("ETH", (2024,))]


async def test_an_empty_store_lists_no_symbols(subject: Harness) -> None:
    assert await subject.store.symbols(YEARLY) == []


async def test_coverage_tells_the_years_of_one_symbol(subject: Harness) -> None:
    await subject.put("BTC", BTC)

    coverage = await subject.store.coverage(Symbol("btc"), YEARLY)

    assert coverage.years == (2023, 2024)
    assert (coverage.first_day, coverage.last_day) == (date(2023, 1, 1), date(2024, 12, 31))


async def test_an_unknown_symbol_is_not_found(subject: Harness) -> None:
    await subject.put("BTC", BTC)

    with pytest.raises(NotFound, match="DOGE"):
        await subject.store.coverage(Symbol("DOGE"), YEARLY)
    with pytest.raises(NotFound, match="DOGE"):
        await subject.store.candles(query("DOGE", at(2024, 1, 1), at(2024, 1, 2)))


# The first and last bar


def moment(bar: Bar) -> datetime:
    return datetime.fromtimestamp(bar[0] / 1000, UTC)


async def test_first_and_last_are_the_times_of_the_first_and_last_bar(subject: Harness) -> None:
    # Off midnight at both ends, so year or day boundaries cannot pass for them.
    btc, eth = BTC[37:-11], ETH[5:-3]
    await subject.put("ETH", eth)
    await subject.put("BTC", btc)

    listed = await subject.store.symbols(YEARLY)
    one = await subject.store.coverage(Symbol("BTC"), YEARLY)

    assert [(c.symbol.value, c.first, c.last) for c in listed] == [
        ("BTC", moment(btc[0]), moment(btc[-1])),
        ("ETH", moment(eth[0]), moment(eth[-1])),
    ]
    assert (one.first, one.last) == (moment(btc[0]), moment(btc[-1]))


async def test_the_daily_layout_tells_the_same_first_and_last_bar(subject: Harness) -> None:
    two_days = bars(ms(2024, 3, 1, 7, 13), 2 * 24 * 60 - 500, seed=5, gap_every=11)
    await subject.put_daily("ETH", two_days)

    coverage = await subject.store.coverage(Symbol("ETH"), DAILY)

    assert (coverage.first, coverage.last) == (moment(two_days[0]), moment(two_days[-1]))


@pytest.mark.parametrize(
    "time_type",
    [pa.int64(), pa.timestamp("ns"), pa.timestamp("s", tz="America/New_York")],
    ids=["epoch-ms", "naive-ns-as-utc", "new-york-s"],
)
async def test_first_and_last_come_from_files_of_any_time_type(
    on_files: Harness, files: Files, time_type: pa.DataType
) -> None:
    rows = ETH[3:-7]
    data = table(rows)
    times = data.column(0).cast(pa.int64()) if time_type == pa.int64() else data.column(0)
    await files.write(
        yearly_key("ETH", 2024), parquet(data.set_column(0, "ts", times.cast(time_type)))
    )

    coverage = await on_files.store.coverage(Symbol("ETH"), YEARLY)

    assert (coverage.first, coverage.last) == (moment(rows[0]), moment(rows[-1]))


async def test_a_file_without_statistics_is_scanned_for_its_first_and_last_bar(
    files: Files,
) -> None:
    rows = ETH[9:-4]
    sink = io.BytesIO()
    pq.write_table(table(rows), sink, write_statistics=False, row_group_size=100)
    await files.write(yearly_key("ETH", 2024), sink.getvalue())

    coverage = await files.store().coverage(Symbol("ETH"), YEARLY)

    assert (coverage.first, coverage.last) == (moment(rows[0]), moment(rows[-1]))


async def test_empty_or_unreadable_edge_files_give_way_to_the_next_period_inward(
    files: Files,
) -> None:
    await files.write(yearly_key("BTC", 2022), parquet(table([])))
    await files.write(yearly_key("BTC", 2023), parquet(table(BTC[:2000])))
    await files.write(yearly_key("BTC", 2024), parquet(table(BTC[2000:])))
    await files.write(yearly_key("BTC", 2025), b"not parquet at all")

    coverage = await files.store().coverage(Symbol("BTC"), YEARLY)

    assert coverage.years == (2022, 2023, 2024, 2025)
    assert (coverage.first, coverage.last) == (moment(BTC[0]), moment(BTC[-1]))


async def test_first_and_last_are_kept_with_the_listing_and_renewed_with_it(
    files: Files,
) -> None:
    store = files.store(listing_ttl_seconds=3600)
    await files.write(yearly_key("ETH", 2024), parquet(table(ETH[:100])))
    before = await store.coverage(Symbol("ETH"), YEARLY)
    await files.write(yearly_key("ETH", 2024), parquet(table(ETH)))

    kept = await store.symbols(YEARLY)
    store.forget_listings()
    renewed = await store.symbols(YEARLY)

    assert before.last == moment(ETH[99])
    assert kept[0].last == moment(ETH[99])
    assert renewed[0].last == moment(ETH[-1])


# Reading and aggregating


@pytest.mark.parametrize("tf", ["1m", "5m", "7m", "1h", "4h", "1d", "3d", "1w", "1M"])
async def test_a_read_across_the_year_boundary_aggregates_by_the_rules(
    subject: Harness, tf: str
) -> None:
    await subject.put("BTC", BTC)
    start, end = at(2023, 12, 30, 5), at(2024, 1, 2, 17, 30)

    series = await subject.store.candles(query("BTC", start, end, tf))

    assert_same(series.rows(), resample(BTC, tf, start, end))
    assert (series.symbol.value, str(series.timeframe)) == ("BTC", tf)


@pytest.mark.parametrize("tf", ["1m", "1h", "1w"])
async def test_bars_for_a_run_are_the_candles_in_float64_and_int64_columns(
    subject: Harness, tf: str
) -> None:
    await subject.put("BTC", BTC)
    asked = query("BTC", at(2023, 12, 30, 5), at(2024, 1, 2, 17, 30), tf)

    candles = await subject.store.candles(asked)
    bars = await subject.store.bars(asked)

    columns = ("times", "open", "high", "low", "close", "volume")
    assert [list(packed(getattr(bars, c), INT if c == "times" else FLOAT)) for c in columns] == [
        list(getattr(candles, c)) for c in columns
    ]


async def test_a_range_without_bars_is_empty(subject: Harness) -> None:
    await subject.put("ETH", ETH)

    inside_a_stored_year = await subject.store.candles(query("ETH", at(2024, 6, 1), at(2024, 7, 1)))
    in_a_year_without_a_file = await subject.store.candles(
        query("ETH", at(2021, 1, 1), at(2022, 1, 1))
    )

    assert len(inside_a_stored_year) == 0
    assert len(in_a_year_without_a_file) == 0


async def test_a_limit_keeps_the_earliest_candles(subject: Harness) -> None:
    await subject.put("BTC", BTC)
    start, end = at(2023, 12, 30), at(2024, 1, 3)

    series = await subject.store.candles(query("BTC", start, end, "1h", limit=5))

    assert_same(series.rows(), resample(BTC, "1h", start, end)[:5])


async def test_the_legacy_daily_layout_is_listed_and_read_by_day(subject: Harness) -> None:
    two_days = bars(ms(2024, 3, 1), 2 * 24 * 60, seed=5, gap_every=11)
    await subject.put_daily("ETH", two_days)
    start, end = at(2024, 3, 1, 12), at(2024, 3, 2, 12)

    series = await subject.store.candles(query("ETH", start, end, "1h", DAILY))
    coverage = await subject.store.coverage(Symbol("ETH"), DAILY)
    listed = await subject.store.symbols(DAILY)

    assert_same(series.rows(), resample(two_days, "1h", start, end))
    assert coverage.days == (date(2024, 3, 1), date(2024, 3, 2))
    assert [(c.symbol.value, c.years) for c in listed] == [("ETH", (2024,))]


async def test_concurrent_reads_answer_as_sequential_ones(subject: Harness) -> None:
    await subject.put("BTC", BTC)
    queries = [query("BTC", at(2023, 12, 30), at(2024, 1, 3), tf) for tf in ("1h", "4h", "1d")] * 3

    together = await asyncio.gather(*(subject.store.candles(q) for q in queries))
    one_by_one = [await subject.store.candles(q) for q in queries]

    assert [s.rows() for s in together] == [s.rows() for s in one_by_one]


# Which files are read


async def test_only_the_files_of_the_requested_years_are_read(
    on_files: Harness, files: Files
) -> None:
    await on_files.put("ETH", ETH)
    await files.write(yearly_key("ETH", 2019), b"not parquet at all")

    series = await on_files.store.candles(query("ETH", at(2024, 3, 1), at(2024, 3, 2)))

    assert len(series) == 10
    with pytest.raises(BadMarketData, match=r"ETH_2019\.parquet"):
        await on_files.store.candles(query("ETH", at(2019, 6, 1), at(2024, 3, 2)))


async def test_only_the_files_of_the_requested_days_are_read(
    on_files: Harness, files: Files
) -> None:
    day = bars(ms(2024, 3, 1), 24 * 60, seed=6)
    await on_files.put_daily("ETH", day)
    await files.write(daily_key("ETH", date(2024, 3, 2)), b"garbage")

    series = await on_files.store.candles(query("ETH", at(2024, 3, 1), at(2024, 3, 2), "1d", DAILY))

    assert_same(series.rows(), resample(day, "1d"))


async def test_a_rewritten_file_is_read_with_its_new_columns(
    on_files: Harness, files: Files
) -> None:
    before, after = ETH[:60], bars(ms(2024, 3, 1), 120, seed=9)
    await files.write(yearly_key("ETH", 2024), parquet(renamed(table(before), "time")))
    await on_files.store.candles(query("ETH", at(2024, 3, 1), at(2024, 3, 2)))
    await files.write(yearly_key("ETH", 2024), parquet(renamed(table(after), "datetime")))

    series = await on_files.store.candles(query("ETH", at(2024, 3, 1), at(2024, 3, 2)))

    assert_same(series.rows(), resample(after, "1h"))


async def test_a_file_removed_after_listing_is_unavailable_then_listed_again(
    on_files: Harness, files: Files
) -> None:
    store = files.store(listing_ttl_seconds=3600)
    await on_files.put("ETH", ETH)
    await store.symbols(YEARLY)
    await files.remove(yearly_key("ETH", 2024))

    with pytest.raises(Unavailable):
        await store.candles(query("ETH", at(2024, 3, 1), at(2024, 3, 2)))
    with pytest.raises(NotFound):
        await store.candles(query("ETH", at(2024, 3, 1), at(2024, 3, 2)))


# What a file may look like


@pytest.mark.parametrize("name", ["time", "datetime", "date", "ts", "Timestamp"])
async def test_other_time_column_names_with_epoch_milliseconds_are_read(
    on_files: Harness, files: Files, name: str
) -> None:
    rows = ETH[:120]
    columns = list(zip(*rows, strict=True))
    epoch_ms = pa.table(
        {
            name: pa.array(columns[0], pa.int64()),
            **{c: columns[i + 1] for i, c in enumerate(["open", "high", "low", "close"])},
        }
    )
    await files.write(yearly_key("EPOCH", 2024), parquet(epoch_ms))

    series = await on_files.store.candles(query("EPOCH", at(2024, 3, 1), at(2024, 3, 2)))

    assert_same(series.rows(), resample([(*r[:5], 0.0) for r in rows], "1h"))


@pytest.mark.parametrize(
    "time_type",
    [pa.timestamp("ns"), pa.timestamp("us", tz="UTC"), pa.timestamp("s", tz="America/New_York")],
    ids=["naive-ns-as-utc", "utc-us", "new-york-s"],
)
async def test_timestamps_of_any_unit_and_zone_are_read_as_instants(
    on_files: Harness, files: Files, time_type: pa.DataType
) -> None:
    data = table(ETH)
    data = data.set_column(0, "timestamp", data.column(0).cast(time_type))
    await files.write(yearly_key("ETH", 2024), parquet(data))
    start, end = at(2024, 3, 1, 2, 30), at(2024, 3, 1, 7)

    series = await on_files.store.candles(query("ETH", start, end, "1h"))

    assert_same(series.rows(), resample(ETH, "1h", start, end))


async def test_a_file_that_is_not_parquet_is_named_in_the_error(files: Files) -> None:
    await files.write(yearly_key("BAD", 2024), b"garbage bytes, no magic")

    with pytest.raises(BadMarketData, match=r"BAD_2024\.parquet: not a readable Parquet file"):
        await files.store().candles(query("BAD", at(2024, 1, 1), at(2024, 2, 1)))


async def test_a_truncated_file_is_named_in_the_error(files: Files) -> None:
    whole = parquet(table(ETH))
    await files.write(yearly_key("CUT", 2024), whole[: len(whole) // 2])

    with pytest.raises(BadMarketData, match=r"CUT_2024\.parquet"):
        await files.store().candles(query("CUT", at(2024, 1, 1), at(2024, 12, 1)))


def one_row(**columns: object) -> pa.Table:
    base: dict[str, object] = {
        "timestamp": pa.array([ms(2024, 1, 1)], pa.int64()),
        "open": [1.0],
        "high": [1.0],
        "low": [1.0],
        "close": [1.0],
    }
    base.update(columns)
    return pa.table({k: v for k, v in base.items() if v is not None})


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (one_row(timestamp=None, when=pa.array([1], pa.int64())), "no time column"),
        (one_row(timestamp=["2024-01-01"]), "column timestamp is VARCHAR; expected a timestamp"),
        (one_row(timestamp=pa.array([1], pa.int32())), "column timestamp is INTEGER"),
        (one_row(low=None), r"missing column\(s\) low"),
        (one_row(close=["1.5"]), r"column\(s\) close are not numeric"),
        (one_row(open=pa.array([None], pa.float64())), r"column\(s\) open have missing values"),
        (
            one_row(timestamp=pa.array([1_704_067_200], pa.int64())),
            "column timestamp holds 1704067200..1704067200, which are not epoch milliseconds",
        ),
    ],
    ids=[
        "no-time",
        "text-time",
        "int32-time",
        "no-low",
        "text-close",
        "null-open",
        "epoch-seconds",
    ],
)
async def test_a_file_with_the_wrong_columns_is_named_with_its_problem(
    files: Files, data: pa.Table, problem: str
) -> None:
    await files.write(yearly_key("ODD", 2024), parquet(data))

    with pytest.raises(BadMarketData, match=rf"ODD_2024\.parquet: {problem}"):
        await files.store().candles(query("ODD", at(2024, 1, 1), at(2024, 2, 1)))


async def test_missing_volumes_count_as_zero(files: Files) -> None:
    rows = ETH[:60]
    data = table(rows).set_column(5, "volume", pa.array([None] * 60, pa.float64()))
    await files.write(yearly_key("ETH", 2024), parquet(data))

    series = await files.store().candles(query("ETH", at(2024, 3, 1), at(2024, 3, 2)))

    assert list(series.volume) == [0.0]


# The Arrow path of the DuckDB store


async def test_the_arrow_answer_equals_the_series(files: Files) -> None:
    await files.write(yearly_key("BTC", 2023), parquet(table(BTC[:1000])))
    store = files.store()
    btc = query("BTC", at(2023, 12, 30), at(2024, 1, 1), "15m")

    arrow = await store.candles_arrow(btc)
    series = await store.candles(btc)
    empty = await store.candles_arrow(query("BTC", at(2023, 1, 1), at(2023, 2, 1)))

    assert arrow.column_names == ["timestamp", "open", "high", "low", "close", "volume"]
    assert arrow.column("timestamp").cast(pa.int64()).to_pylist() == list(series.times)
    assert arrow.column("close").to_pylist() == list(series.close)
    assert (empty.num_rows, empty.schema) == (0, arrow.schema)


# Storage that cannot be reached, and the health probe


async def test_an_unreachable_bucket_is_unavailable_and_unhealthy() -> None:
    # Port 1 on loopback refuses at once: nothing listens there.
    settings = S3Settings("127.0.0.1:1", "k", "s", bucket="nowhere")
    root = S3Root(settings, timeout_seconds=1, attempts=1)
    engine = DuckDbEngine(workers=1)
    store = DuckDbCandleStore(root, engine)
    try:
        with pytest.raises(Unavailable, match="unreachable"):
            await store.symbols(YEARLY)
        with pytest.raises(Unavailable):
            await store.candles(query("BTC", at(2024, 1, 1), at(2024, 1, 2)))
        probe = await MarketDataHealthProbe(root).check()
    finally:
        await root.close()
        await engine.close()

    assert (probe.name, probe.ok) == ("market_data", False)


async def test_the_health_probe_sees_the_bucket_or_its_absence(s3: S3Settings) -> None:
    present = S3Root(s3)
    absent = S3Root(S3Settings(s3.endpoint, "testing", "testing", bucket="no-such-bucket"))
    try:
        seen = await MarketDataHealthProbe(present).check()
        missing = await MarketDataHealthProbe(absent).check()
    finally:
        await present.close()
        await absent.close()

    assert (seen.name, seen.ok, missing.ok) == ("market_data", True, False)


async def test_the_health_probe_sees_the_folder_or_its_absence(tmp_path: Path) -> None:
    seen = await MarketDataHealthProbe(LocalRoot(tmp_path)).check()
    missing = await MarketDataHealthProbe(LocalRoot(tmp_path / "nowhere")).check()

    assert (seen.name, seen.ok, missing.ok) == ("market_data", True, False)
    # The answer names no path (it is logged instead): addresses stay out of answers.
    assert missing.detail == "folder missing or unreadable"


def renamed(data: pa.Table, time_name: str) -> pa.Table:
    return data.rename_columns([time_name, *data.column_names[1:]])
