"""Generated runs give both engines the very same trades and equity, statistics within 1e-9."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from adapters.outbound.engine.fast.engine import FastEngine
from adapters.outbound.engine.reference import ReferenceEngine
from core.domain.engine.bars import Bars
from core.domain.engine.execution import ExecutionSettings
from core.domain.engine.result import SimulationResult
from core.domain.engine.signals import Signals
from tests.unit.engine.builders import ohlc_bars, signals_for
from tests.unit.engine.strategies import settings_strategy


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
