"""Every CandleStore lists its symbols with their coverage, and the first and last bar.

Expected answers come from the bars stored, never from our own code.
"""

from __future__ import annotations

import io
from datetime import date

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from adapters.outbound.market_data_storage.layout import yearly_key
from core.domain.errors import NotFound
from tests.contract.candle_store.stored import BTC, DAILY, ETH, YEARLY, moment
from tests.support.candles import Files, Harness, at, parquet, query
from tests.support.marketdata import bars, ms, table

# Listing and coverage


async def test_symbols_are_listed_in_order_with_their_years(subject: Harness) -> None:
    await subject.put("ETH", ETH)
    await subject.put("BTC", BTC)

    listed = await subject.store.symbols(YEARLY)

    assert [(c.symbol.value, c.years) for c in listed] == [("BTC", (2023, 2024)), ("ETH", (2024,))]


async def test_an_empty_store_lists_no_symbols(subject: Harness) -> None:
    assert await subject.store.symbols(YEARLY) == []


async def test_a_listing_tells_the_years_and_days_of_a_symbol(subject: Harness) -> None:
    await subject.put("BTC", BTC)

    (coverage,) = await subject.store.symbols(YEARLY)

    assert coverage.years == (2023, 2024)
    assert (coverage.first_day, coverage.last_day) == (date(2023, 1, 1), date(2024, 12, 31))


async def test_an_unknown_symbol_is_not_found(subject: Harness) -> None:
    await subject.put("BTC", BTC)

    with pytest.raises(NotFound, match="DOGE"):
        await subject.store.candles(query("DOGE", at(2024, 1, 1), at(2024, 1, 2)))


# The first and last bar


async def test_first_and_last_are_the_times_of_the_first_and_last_bar(subject: Harness) -> None:
    # Off midnight at both ends, so year or day boundaries cannot pass for them.
    btc, eth = BTC[37:-11], ETH[5:-3]
    await subject.put("ETH", eth)
    await subject.put("BTC", btc)

    listed = await subject.store.symbols(YEARLY)

    assert [(c.symbol.value, c.first, c.last) for c in listed] == [
        ("BTC", moment(btc[0]), moment(btc[-1])),
        ("ETH", moment(eth[0]), moment(eth[-1])),
    ]


async def test_the_daily_layout_tells_the_same_first_and_last_bar(subject: Harness) -> None:
    two_days = bars(ms(2024, 3, 1, 7, 13), 2 * 24 * 60 - 500, seed=5, gap_every=11)
    await subject.put_daily("ETH", two_days)

    (coverage,) = await subject.store.symbols(DAILY)

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

    (coverage,) = await on_files.store.symbols(YEARLY)

    assert (coverage.first, coverage.last) == (moment(rows[0]), moment(rows[-1]))


async def test_a_file_without_statistics_is_scanned_for_its_first_and_last_bar(
    files: Files,
) -> None:
    rows = ETH[9:-4]
    sink = io.BytesIO()
    pq.write_table(table(rows), sink, write_statistics=False, row_group_size=100)
    await files.write(yearly_key("ETH", 2024), sink.getvalue())

    (coverage,) = await files.store().symbols(YEARLY)

    assert (coverage.first, coverage.last) == (moment(rows[0]), moment(rows[-1]))


async def test_empty_or_unreadable_edge_files_give_way_to_the_next_period_inward(
    files: Files,
) -> None:
    await files.write(yearly_key("BTC", 2022), parquet(table([])))
    await files.write(yearly_key("BTC", 2023), parquet(table(BTC[:2000])))
    await files.write(yearly_key("BTC", 2024), parquet(table(BTC[2000:])))
    await files.write(yearly_key("BTC", 2025), b"not parquet at all")

    (coverage,) = await files.store().symbols(YEARLY)

    assert coverage.years == (2022, 2023, 2024, 2025)
    assert (coverage.first, coverage.last) == (moment(BTC[0]), moment(BTC[-1]))


async def test_first_and_last_are_kept_with_the_listing_and_renewed_with_it(
    files: Files,
) -> None:
    store = files.store(listing_ttl_seconds=3600)
    await files.write(yearly_key("ETH", 2024), parquet(table(ETH[:100])))
    (before,) = await store.symbols(YEARLY)
    await files.write(yearly_key("ETH", 2024), parquet(table(ETH)))

    kept = await store.symbols(YEARLY)
    store.forget_listings()
    renewed = await store.symbols(YEARLY)

    assert before.last == moment(ETH[99])
    assert kept[0].last == moment(ETH[99])
    assert renewed[0].last == moment(ETH[-1])
