"""On real minutes (FXCM USDJPY 2013 bid, no volume) both engines agree with backtesting.py."""

from __future__ import annotations

import pytest

from adapters.outbound.engine.fast.simulate import simulate as fast_simulate
from core.domain.engine.execution import ExecutionSettings
from core.domain.engine.simulate import simulate
from tests.unit.engine.backtesting_twin import assert_agrees, run_backtesting
from tests.unit.engine.builders import bars_of, sma_cross, usdjpy

pytestmark = pytest.mark.realdata
SLICE = 50_000


@pytest.mark.parametrize(("fast", "slow"), [(10, 40), (50, 200)])
@pytest.mark.parametrize(
    "settings",
    [ExecutionSettings(allow_short=True),
     ExecutionSettings(commission=0.0001, spread=0.0001, stop_loss=0.002, take_profit=0.004)],
    ids=["long-short", "long-only-protected"],
)  # fmt: skip
def test_sma_crosses_on_minutes_agree_with_backtesting_py(
    fast: int, slow: int, settings: ExecutionSettings
) -> None:
    frame = usdjpy(SLICE)
    signals = sma_cross(frame, fast, slow, exits=not settings.allow_short)
    bars = bars_of(frame)

    result = simulate(bars, signals, settings)

    assert result.statistics.trade_count > 100
    assert_agrees(result, run_backtesting(frame, signals, settings))
    assert fast_simulate(bars, signals, settings).trades == result.trades


def test_the_whole_year_gives_backtesting_pys_2468_trades() -> None:
    frame = usdjpy()

    result = fast_simulate(
        bars_of(frame), sma_cross(frame, 50, 200), ExecutionSettings(allow_short=True)
    )

    assert result.statistics.trade_count == 2468
