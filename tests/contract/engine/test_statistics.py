"""What every engine counts in its statistics, down to the reference figures of a real run."""

from __future__ import annotations

import pytest

from adapters.outbound.rules.lark_parser import LarkRulesParser
from core.domain.engine.execution import ExecutionSettings
from core.domain.rules.compiler import RulesCompiler
from tests.contract.engine.conftest import FLAT, Engine, long_at_bar_1
from tests.unit.engine.builders import bars_of, daily, goog, only, sma_cross


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
