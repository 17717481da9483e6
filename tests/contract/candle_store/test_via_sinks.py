"""Every CandleStore over bars the app's own sinks wrote (LocalSink, S3Sink): lists and reads.

Expected answers come from pandas (tests.support.pandas_reference), never from our own code.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from core.domain.candles import CandleQuery, SourceResolution
from core.domain.errors import NotFound
from core.domain.timeframe import Timeframe
from core.domain.values import Symbol
from tests.contract.candle_store.conftest import SinkHarness
from tests.contract.candle_store.stored import BTC, ETH, reference
from tests.support.candles import at, parquet, query
from tests.support.marketdata import bars, ms, table
from tests.support.pandas_reference import flat, flat_approx


async def test_symbols_list_with_their_years(via_sinks: SinkHarness) -> None:
    await via_sinks.put("BTC", BTC)
    await via_sinks.put("ETH", ETH)

    listed = await via_sinks.store.symbols(SourceResolution.YEARLY)

    assert [(c.symbol.value, c.years) for c in listed] == [
        ("BTC", (2023, 2024)),
        ("ETH", (2024,)),
    ]


async def test_candles_of_an_unknown_symbol_are_not_found(via_sinks: SinkHarness) -> None:
    await via_sinks.put("BTC", BTC)

    with pytest.raises(NotFound):
        await via_sinks.store.candles(query("DOGE", at(2024, 1, 1), at(2024, 1, 2)))


@pytest.mark.parametrize("tf", ["1m", "5m", "7m", "1h", "4h", "1d", "3d", "1w", "1M"])
async def test_a_read_across_the_year_boundary_aggregates_by_the_rules(
    via_sinks: SinkHarness, tf: str
) -> None:
    await via_sinks.put("BTC", BTC)
    start, end = at(2023, 12, 30, 5), at(2024, 1, 2, 17, 30)

    series = await via_sinks.store.candles(query("BTC", start, end, tf))

    expected = reference(BTC, start, end, tf)
    assert list(series.times) == [row[0] for row in expected]
    assert flat(series.rows()) == flat_approx(expected)


async def test_a_range_with_no_bars_is_empty(via_sinks: SinkHarness) -> None:
    await via_sinks.put("ETH", ETH)

    series = await via_sinks.store.candles(query("ETH", at(2024, 6, 1), at(2024, 7, 1)))

    assert len(series) == 0


async def test_the_legacy_daily_layout_is_read_by_day(via_sinks: SinkHarness) -> None:
    if via_sinks.put_raw is None:
        pytest.skip("the in-memory twin has no files")
    two_days = bars(ms(2024, 3, 1), 2 * 24 * 60, seed=5)
    for day in (1, 2):
        chunk = [b for b in two_days if datetime.fromtimestamp(b[0] / 1000, UTC).day == day]
        key = f"ohlcv/1m/symbol=ETH/date=2024-03-0{day}/part-0.parquet"
        await via_sinks.put_raw(key, parquet(table(chunk)))
    daily = CandleQuery(
        Symbol("ETH"), at(2024, 3, 1), at(2024, 3, 3), Timeframe.parse("1h"), SourceResolution.DAILY
    )

    series = await via_sinks.store.candles(daily)
    (coverage,) = await via_sinks.store.symbols(SourceResolution.DAILY)

    expected = reference(two_days, at(2024, 3, 1), at(2024, 3, 3), "1h")
    assert flat(series.rows()) == flat_approx(expected)
    assert [str(d) for d in coverage.days] == ["2024-03-01", "2024-03-02"]
