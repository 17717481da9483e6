"""How every engine fills orders and holds positions."""

from __future__ import annotations

import pytest

from core.domain.engine.execution import ExecutionSettings
from tests.contract.engine.conftest import FLAT, Engine, long_at_bar_1
from tests.unit.engine.builders import at, daily, only


def test_a_market_order_fills_at_the_next_bars_open(engine: Engine) -> None:
    rows = [FLAT, FLAT, (11.0, 12.0, 10.0, 11.5), (12.0, 13.0, 11.0, 12.0)]

    result = long_at_bar_1(engine, rows, ExecutionSettings(cash=1_000))

    (trade,) = result.trades
    assert (trade.entry_bar, trade.entry_price, trade.size) == (2, 11.0, 90)
    assert trade.exit_bar is None
    assert list(result.equity) == [1_000, 1_000, 1_000 + 90 * 0.5, 1_000 + 90 * 1.0]


def test_an_order_on_the_last_bar_never_fills(engine: Engine) -> None:
    bars = daily([FLAT] * 3)

    result = engine.simulate(bars, only(3, entry=at(3, 2)), ExecutionSettings())

    assert result.trades == []
    assert list(result.equity) == [10_000] * 3


def test_a_repeated_entry_closes_and_reopens_paying_commission_twice(engine: Engine) -> None:
    bars = daily([FLAT, FLAT, (10.0, 11.0, 10.0, 11.0), FLAT, FLAT])
    execution = ExecutionSettings(cash=1_000, commission=0.01)

    result = engine.simulate(bars, only(5, entry=at(5, 1, 2)), execution)

    first, second = result.trades
    assert (first.entry_bar, first.exit_bar, first.exit_reason) == (2, 3, "signal")
    assert first.commission == pytest.approx(99 * 10 * 0.01 * 2)  # 99 units at 10 plus 1%
    assert (second.entry_bar, second.exit_bar) == (3, None)


def test_a_short_entry_without_shorting_only_closes_a_long(engine: Engine) -> None:
    bars = daily([FLAT] * 6)
    signals = only(6, entry=at(6, 1), short_entry=at(6, 2, 3))

    result = engine.simulate(bars, signals, ExecutionSettings())

    (trade,) = result.trades
    assert (trade.size > 0, trade.entry_bar, trade.exit_bar) == (True, 2, 3)


def test_shorting_when_allowed_reverses_the_position(engine: Engine) -> None:
    bars = daily([FLAT] * 5)
    signals = only(5, entry=at(5, 1), short_entry=at(5, 2))

    result = engine.simulate(bars, signals, ExecutionSettings(allow_short=True))

    long, short = result.trades
    assert (long.size, long.exit_bar, short.size, short.entry_bar) == (999, 3, -999, 3)


def test_an_order_the_cash_cannot_pay_one_unit_of_is_cancelled_and_counted(
    engine: Engine,
) -> None:
    bars = daily([FLAT] * 6)
    signals = only(6, entry=at(6, 1, 3))  # two orders, each filling at 10 a unit

    whole = engine.simulate(bars, signals, ExecutionSettings(cash=9))
    fractional = engine.simulate(bars, signals, ExecutionSettings(cash=9, fractional=True))

    assert (whole.trades, whole.statistics.trade_count) == ([], 0)
    assert whole.statistics.orders_cancelled == 2
    assert list(whole.equity) == [9] * 6
    assert [t.size for t in fractional.trades] == pytest.approx([0.9, 0.9])
    assert fractional.statistics.orders_cancelled == 0


def test_a_reversal_the_cash_cannot_pay_for_still_closes_the_position(engine: Engine) -> None:
    # Long one unit at 10 (10.5 with 5% commission) from 11; at 11 the long closes with
    # 10.95 of cash, and a short unit would cost 11.55 with its commission.
    up = (11.0, 11.0, 11.0, 11.0)
    bars = daily([FLAT, FLAT, FLAT, up, up])
    signals = only(5, entry=at(5, 1), short_entry=at(5, 2))
    execution = ExecutionSettings(cash=11, commission=0.05, allow_short=True)

    result = engine.simulate(bars, signals, execution)

    (trade,) = result.trades
    assert (trade.size, trade.entry_bar, trade.exit_bar) == (1, 2, 3)
    assert result.statistics.orders_cancelled == 1
