"""On generated bars and random signals, the reference simulation agrees with backtesting.py."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.domain.engine.bars import Bars
from core.domain.engine.execution import ExecutionSettings
from core.domain.engine.simulate import simulate
from tests.unit.engine.backtesting_twin import assert_agrees, run_backtesting
from tests.unit.engine.builders import frame_of, ohlc_bars, signals_for
from tests.unit.engine.strategies import settings_strategy


@st.composite
def runs(draw: st.DrawFn) -> tuple[Bars, object, ExecutionSettings]:
    bars = draw(ohlc_bars(min_size=3, max_size=80))
    # Whole units only: FractionalBacktest rounds to 1e-8 units, which moves ill-conditioned
    # figures (a Sortino ratio over a 1e-14 drawdown) too far to compare.
    execution = draw(settings_strategy.filter(lambda settings: not settings.fractional))
    return bars, draw(signals_for(len(bars))), execution


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(runs())
def test_any_signals_on_any_bars_run_as_in_backtesting_py(run: tuple) -> None:
    bars, signals, execution = run

    result = simulate(bars, signals, execution)

    assert_agrees(result, run_backtesting(frame_of(bars), signals, execution))
