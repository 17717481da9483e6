"""One suite for every engine: ReferenceEngine (pure Python) and FastEngine (numpy, numba).

Each behaviour is checked on both, and generated runs must give both the very same trades
and equity, and statistics within 1e-9.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from adapters.outbound.engine.fast.engine import FastEngine
from adapters.outbound.engine.reference import ReferenceEngine
from adapters.outbound.rules.lark_parser import LarkRulesParser
from core.domain.engine.bars import Bars
from core.domain.engine.execution import ExecutionSettings
from core.domain.engine.result import SimulationResult
from core.domain.engine.signals import Signals
from core.domain.rules.compiler import RulesCompiler
from tests.unit.engine.builders import (
    at,
    bars_of,
    daily,
    goog,
    ohlc_bars,
    only,
    signals_for,
    sma_cross,
)  # fmt: skip
from tests.unit.engine.strategies import settings_strategy

Engine = ReferenceEngine | FastEngine
FLAT = (10.0, 10.0, 10.0, 10.0)
PROTECTED = ExecutionSettings(cash=1_000, stop_loss=0.05, take_profit=0.05)


@pytest.fixture(params=["reference", "fast"], scope="module")
def engine(request: pytest.FixtureRequest) -> Engine:
    if request.param == "reference":
        return ReferenceEngine()
    fast = FastEngine()
    fast.warm_up()
    return fast


def long_at_bar_1(engine: Engine, rows: list[tuple[float, float, float, float]],
                  execution: ExecutionSettings = PROTECTED) -> SimulationResult:  # fmt: skip
    bars = daily(rows)
    return engine.simulate(bars, only(len(rows), entry=at(len(rows), 1)), execution)


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


def test_an_open_trade_counts_in_equity_but_not_in_the_statistics(engine: Engine) -> None:
    rows = [FLAT, FLAT, FLAT, (10.0, 12.0, 10.0, 12.0)]

    result = long_at_bar_1(engine, rows, ExecutionSettings(cash=1_000, commission=0.01))

    (trade,) = result.trades
    assert trade.exit_bar is None
    assert trade.commission == pytest.approx(99 * 10 * 0.01)
    assert result.equity[-1] == pytest.approx(1_000 - 9.9 + 99 * 2)
    assert result.statistics.trade_count == 0
    assert result.statistics.exposure_time_pct == 0.0
    assert result.statistics.commissions == 0.0


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


def test_without_trades_the_trade_statistics_are_undefined(engine: Engine) -> None:
    bars = daily([FLAT] * 10)

    figures = engine.simulate(bars, only(10), ExecutionSettings()).statistics

    assert figures.trade_count == 0
    assert figures.return_pct == 0.0
    assert figures.max_consecutive_wins == figures.max_consecutive_losses == 0
    undefined = [
        figures.win_rate_pct, figures.best_trade_pct, figures.avg_trade_pct,
        figures.max_trade_duration, figures.profit_factor, figures.sqn, figures.kelly_criterion,
        figures.max_drawdown_duration, figures.calmar_ratio, figures.sharpe_ratio,
        figures.exposure_adjusted_return_pct, figures.long_win_rate_pct,
    ]  # fmt: skip
    assert undefined == [None] * len(undefined)


@pytest.mark.realdata
def test_goog_sma_crossover_runs_to_the_reference_figures(engine: Engine) -> None:
    frame = goog()
    program = RulesCompiler(LarkRulesParser()).compile(
        "sma_crossover", {"fast": 10, "slow": 20, "short": 1}, None
    )
    execution = ExecutionSettings(cash=10_000, commission=0.002, allow_short=True)

    result = engine.run(bars_of(frame), program, execution)

    figures = result.statistics
    assert (figures.return_pct, figures.trade_count) == (462.6351934000004, 93)
    assert figures.sharpe_ratio == pytest.approx(0.6007399729861899, rel=1e-12)
    assert figures.max_drawdown_duration == 830 * 86_400
    same_signals = engine.simulate(bars_of(frame), sma_cross(frame, 10, 20), execution)
    assert result.trades == same_signals.trades


@st.composite
def runs(draw: st.DrawFn) -> tuple[Bars, Signals, ExecutionSettings]:
    bars = draw(ohlc_bars(min_size=1, max_size=120))
    return bars, draw(signals_for(len(bars))), draw(settings_strategy)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(runs())
def test_both_engines_give_the_same_trades_equity_and_statistics(
    run: tuple[Bars, Signals, ExecutionSettings],
) -> None:
    bars, signals, execution = run
    fast = FastEngine()

    expected = ReferenceEngine().simulate(bars, signals, execution)
    actual = fast.simulate(bars, signals, execution)

    assert actual.trades == expected.trades
    assert list(actual.equity) == pytest.approx(list(expected.equity), rel=1e-9)
    assert_same_statistics(actual, expected)


def assert_same_statistics(actual: SimulationResult, expected: SimulationResult) -> None:
    mine, theirs = actual.statistics.as_dict(), expected.statistics.as_dict()
    assert mine.keys() == theirs.keys()
    for key, value in theirs.items():
        if value is None or isinstance(value, int):
            assert mine[key] == value, key
        else:
            assert mine[key] is not None, key
            assert math.isclose(mine[key], value, rel_tol=1e-9), key


def test_long_runs_whose_logs_are_worked_out_on_another_thread_agree_too() -> None:
    # From 20,000 bars the fast engine hands beta's log returns to other threads.
    rng = np.random.default_rng(20261125)
    count = 30_000
    close = 100 * np.exp(np.cumsum(rng.normal(0, 1e-3, count)))
    open_ = np.concatenate(([close[0]], close[:-1]))
    high, low = np.maximum(open_, close) * 1.0005, np.minimum(open_, close) * 0.9995
    times = (np.arange(count, dtype=np.int64) * 60_000).tolist()
    bars = Bars(times, open_.tolist(), high.tolist(), low.tolist(), close.tolist(), [0.0] * count)
    flips = rng.random(count) < 0.002
    never = [False] * count
    signals = Signals(flips.tolist(), never, np.roll(flips, 250).tolist(), never, start=1)
    execution = ExecutionSettings(cash=10_000, commission=0.001, allow_short=True)

    expected = ReferenceEngine().simulate(bars, signals, execution)
    actual = FastEngine().simulate(bars, signals, execution)

    assert actual.statistics.beta is not None
    assert actual.statistics.beta == expected.statistics.beta
    assert_same_statistics(actual, expected)
