"""The reference simulation reproduces backtesting.py 0.6.6 on GOOG daily bars."""

from __future__ import annotations

import pytest

from core.domain.engine.execution import ExecutionSettings
from core.domain.engine.simulate import simulate
from tests.unit.engine.backtesting_twin import assert_agrees, run_backtesting
from tests.unit.engine.builders import bars_of, goog, sma_cross

pytestmark = pytest.mark.realdata


def test_goog_sma_cross_reproduces_the_reference_figures() -> None:
    frame = goog()
    settings = ExecutionSettings(cash=10_000, commission=0.002, allow_short=True)

    result = simulate(bars_of(frame), sma_cross(frame, 10, 20), settings)

    figures = result.statistics
    assert figures.return_pct == 462.6351934000004
    assert figures.trade_count == 93
    assert figures.equity_final == 56263.51934000004
    assert figures.sharpe_ratio == pytest.approx(0.6007399729861899, rel=1e-12)
    assert figures.sortino_ratio == pytest.approx(1.1450872477645853, rel=1e-12)
    assert figures.max_drawdown_pct == -33.93159182905461
    assert figures.win_rate_pct == 52.68817204301075
    assert figures.sqn == pytest.approx(1.5843922090024816, rel=1e-12)
    assert figures.kelly_criterion == pytest.approx(0.20928817404808409, rel=1e-12)
    assert figures.max_drawdown_duration == 830 * 86_400
    assert figures.buy_and_hold_return_pct == 607.3703606212162
    assert figures.volatility_ann_pct == pytest.approx(37.41641461272365, rel=1e-12)
    first = result.trades[0]
    assert (first.size, first.entry_bar, first.entry_price) == (-59, 63, 169.02)
    assert (first.exit_bar, first.exit_price) == (75, 179.13)
    assert first.pnl == pytest.approx(-637.5717, abs=1e-9)
    assert first.commission == pytest.approx(41.0817, abs=1e-9)


CASES = {
    "long-short with commission": ExecutionSettings(commission=0.002, allow_short=True),
    "long only": ExecutionSettings(commission=0.002),
    "spread": ExecutionSettings(commission=0.001, spread=0.003, allow_short=True),
    "stop loss and take profit": ExecutionSettings(
        commission=0.002, allow_short=True, stop_loss=0.03, take_profit=0.06
    ),
    "stop loss only, long only": ExecutionSettings(commission=0.001, stop_loss=0.02),
    "fractional units": ExecutionSettings(cash=1_000, commission=0.002, fractional=True),
    "a third of equity per trade": ExecutionSettings(
        commission=0.002, size=1 / 3, allow_short=True, take_profit=0.05
    ),
    "no costs": ExecutionSettings(allow_short=True),
}


@pytest.mark.parametrize("settings", CASES.values(), ids=CASES.keys())
@pytest.mark.parametrize("exits", [False, True], ids=["cross-only", "with-exits"])
def test_goog_sma_cross_agrees_with_backtesting_py(
    settings: ExecutionSettings, exits: bool
) -> None:
    frame = goog()
    signals = sma_cross(frame, 10, 20, exits=exits)

    result = simulate(bars_of(frame), signals, settings)

    assert_agrees(result, run_backtesting(frame, signals, settings))
