"""Every CandleStore reads and aggregates by the rules, reading only the files it needs.

Expected answers come from pandas (tests.support.pandas_reference), never from our own code.
"""

from __future__ import annotations

import asyncio
from datetime import date

import pytest

from adapters.outbound.market_data_storage.layout import daily_key, yearly_key
from core.domain.columns import FLOAT, INT, packed
from core.domain.errors import BadMarketData, NotFound, Unavailable
from tests.contract.candle_store.stored import BTC, DAILY, ETH, YEARLY, assert_same, renamed
from tests.support.candles import Files, Harness, at, parquet, query
from tests.support.marketdata import bars, ms, table
from tests.support.pandas_reference import resample

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
    (coverage,) = await subject.store.symbols(DAILY)
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
