"""How every engine leaves a trade: stops, targets, gaps, and a short that loses it all."""

from __future__ import annotations

import pytest

from core.domain.engine.execution import ExecutionSettings
from tests.contract.engine.conftest import FLAT, Engine, long_at_bar_1
from tests.unit.engine.builders import at, daily, only


def test_the_stop_comes_before_the_target_when_a_bar_touches_both(engine: Engine) -> None:
    rows = [FLAT, FLAT, (10.0, 10.2, 9.9, 10.0), (10.0, 11.0, 9.0, 10.0), FLAT]

    (trade,) = long_at_bar_1(engine, rows).trades

    assert (trade.exit_bar, trade.exit_price, trade.exit_reason) == (3, 9.5, "stop_loss")


def test_a_gap_through_the_stop_fills_at_the_open(engine: Engine) -> None:
    rows = [FLAT, FLAT, (10.0, 10.2, 9.9, 10.0), (9.0, 9.2, 8.8, 9.0), FLAT]

    (trade,) = long_at_bar_1(engine, rows).trades

    assert (trade.exit_bar, trade.exit_price, trade.exit_reason) == (3, 9.0, "stop_loss")


def test_a_gap_through_the_target_fills_at_the_better_open(engine: Engine) -> None:
    rows = [FLAT, FLAT, (10.0, 10.2, 9.9, 10.0), (11.0, 11.5, 10.8, 11.0), FLAT]

    (trade,) = long_at_bar_1(engine, rows).trades

    assert (trade.exit_bar, trade.exit_price, trade.exit_reason) == (3, 11.0, "take_profit")


def test_a_stop_can_trigger_on_the_entry_bar(engine: Engine) -> None:
    rows = [FLAT, FLAT, (10.0, 10.1, 9.4, 10.0), FLAT]

    (trade,) = long_at_bar_1(engine, rows).trades

    assert (trade.entry_bar, trade.exit_bar, trade.exit_price) == (2, 2, 9.5)
    assert (trade.mae_pct, trade.mfe_pct) == (pytest.approx(-5.0), 0.0)


def test_excursions_follow_the_bars_the_trade_lived_through(engine: Engine) -> None:
    rows = [FLAT, FLAT, (10.0, 12.0, 9.0, 10.0), (10.0, 10.0, 10.0, 10.0), (8.0, 13.0, 5.0, 8.0)]
    signals = only(5, entry=at(5, 1), exit=at(5, 3))

    (trade,) = engine.simulate(daily(rows), signals, ExecutionSettings()).trades

    assert (trade.exit_bar, trade.exit_price) == (4, 8.0)
    assert (trade.mae_pct, trade.mfe_pct) == (pytest.approx(-20.0), pytest.approx(20.0))


def test_a_short_that_loses_everything_is_closed_and_the_run_stops(engine: Engine) -> None:
    rows = [FLAT, FLAT, FLAT, (10.0, 25.0, 10.0, 25.0), FLAT, FLAT]
    signals = only(6, short_entry=at(6, 1), entry=at(6, 4))

    result = engine.simulate(daily(rows), signals, ExecutionSettings(cash=1_000, allow_short=True))

    (trade,) = result.trades
    assert (trade.size, trade.exit_bar, trade.exit_price, trade.exit_reason) == (
        -99,
        3,
        25.0,
        "end",
    )
    assert list(result.equity) == [1_000, 1_000, 1_000, 0, 0, 0]
    assert result.statistics.max_drawdown_pct == -100.0
