"""Properties every run keeps, on generated bars, signals and settings, for both engines."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from adapters.outbound.engine.fast.simulate import simulate as fast_simulate
from core.domain.engine.bars import Bars
from core.domain.engine.execution import ExecutionSettings
from core.domain.engine.result import SimulationResult
from core.domain.engine.signals import Signals
from core.domain.engine.simulate import simulate as reference_simulate
from tests.unit.engine.builders import ohlc_bars, signals_for
from tests.unit.engine.strategies import settings_strategy

Simulate = Callable[[Bars, Signals, ExecutionSettings], SimulationResult]
ENGINES = pytest.mark.parametrize(
    "simulate", [reference_simulate, fast_simulate], ids=["reference", "fast"]
)
SOME = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def runs(draw: st.DrawFn, execution: st.SearchStrategy[ExecutionSettings] = settings_strategy):
    bars = draw(ohlc_bars(min_size=2, max_size=80))
    return bars, draw(signals_for(len(bars))), draw(execution)


def position_value(result: SimulationResult, bars: Bars, rate: float, i: int) -> float:
    """Cash after the trades closed by bar i, plus the trade open at bar i marked to its close."""
    value = 0.0
    for trade in result.trades:
        if trade.exit_bar is not None and trade.exit_bar <= i:
            value += trade.pnl
        elif trade.entry_bar <= i:
            entry_cost = abs(trade.size) * trade.entry_price * rate
            value += trade.size * (bars.close[i] - trade.entry_price) - entry_cost
    return value


@ENGINES
@SOME
@given(runs())
def test_equity_is_cash_plus_the_open_position_at_every_bar(simulate: Simulate, run) -> None:  # type: ignore[no-untyped-def]
    bars, signals, execution = run

    result = simulate(bars, signals, execution)

    ruined = next((t.exit_bar for t in result.trades if t.exit_reason == "end"), len(bars))
    for i in range(ruined):
        expected = execution.cash + position_value(result, bars, execution.commission, i)
        assert result.equity[i] == pytest.approx(expected, rel=1e-9, abs=1e-6)


@ENGINES
@SOME
@given(runs(settings_strategy.map(lambda s: replace(s, commission=0.0, spread=0.0))))
def test_without_costs_trading_at_one_price_changes_nothing(simulate: Simulate, run) -> None:  # type: ignore[no-untyped-def]
    bars, signals, execution = run
    count = len(bars)
    flat = Bars(bars.times, [7.0] * count, [7.0] * count, [7.0] * count, [7.0] * count,
                bars.volume)  # fmt: skip

    result = simulate(flat, signals, execution)

    assert list(result.equity) == [execution.cash] * count
    assert all(trade.pnl == 0 for trade in result.trades)
    assert result.statistics.return_pct == 0.0


costly = settings_strategy.map(lambda s: replace(s, fractional=True)).filter(
    lambda s: s.commission > 0 or s.spread > 0
)


@ENGINES
@SOME
@given(runs(costly))
def test_costs_never_raise_equity(simulate: Simulate, run) -> None:  # type: ignore[no-untyped-def]
    """With fractional units the same signals trade the same way; costs only take away."""
    bars, signals, execution = run
    free = replace(execution, commission=0.0, spread=0.0)

    with_costs = simulate(bars, signals, execution).equity
    without = simulate(bars, signals, free).equity

    for paid, unpaid in zip(with_costs, without, strict=True):
        assert paid <= unpaid * (1 + 1e-12) + 1e-9
