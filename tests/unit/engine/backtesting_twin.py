"""backtesting.py 0.6.6 run on the same signals, and the comparison with our results.

backtesting.py is AGPL-3.0: only these tests import it (skipped when it is not installed).
"""

from __future__ import annotations

import math
import warnings
from typing import Any

import numpy as np
import pandas as pd
import pytest

from core.domain.engine.execution import ExecutionSettings
from core.domain.engine.result import SimulationResult
from core.domain.engine.signals import Signals

backtesting = pytest.importorskip("backtesting", reason="backtesting.py is not installed")
lib = pytest.importorskip("backtesting.lib")

KEYS = {
    "Exposure Time [%]": "exposure_time_pct", "Equity Final [$]": "equity_final",
    "Equity Peak [$]": "equity_peak", "Return [%]": "return_pct",
    "Buy & Hold Return [%]": "buy_and_hold_return_pct", "Return (Ann.) [%]": "return_ann_pct",
    "Volatility (Ann.) [%]": "volatility_ann_pct", "CAGR [%]": "cagr_pct",
    "Sharpe Ratio": "sharpe_ratio", "Sortino Ratio": "sortino_ratio",
    "Calmar Ratio": "calmar_ratio", "Alpha [%]": "alpha_pct", "Beta": "beta",
    "Max. Drawdown [%]": "max_drawdown_pct", "Avg. Drawdown [%]": "avg_drawdown_pct",
    "Max. Drawdown Duration": "max_drawdown_duration",
    "Avg. Drawdown Duration": "avg_drawdown_duration", "# Trades": "trade_count",
    "Win Rate [%]": "win_rate_pct", "Best Trade [%]": "best_trade_pct",
    "Worst Trade [%]": "worst_trade_pct", "Avg. Trade [%]": "avg_trade_pct",
    "Max. Trade Duration": "max_trade_duration", "Avg. Trade Duration": "avg_trade_duration",
    "Profit Factor": "profit_factor", "Expectancy [%]": "expectancy_pct", "SQN": "sqn",
    "Kelly Criterion": "kelly_criterion", "Start": "start", "End": "end",
    "Duration": "duration", "Commissions [$]": "commissions",
}  # fmt: skip
DURATIONS = {"Max. Drawdown Duration", "Avg. Drawdown Duration"}


def run_backtesting(
    frame: pd.DataFrame, signals: Signals, settings: ExecutionSettings
) -> pd.Series:
    """Backtest(..., exclusive_orders=True) with a Strategy acting on the given signals."""
    strategy = _strategy_for(signals, settings)
    options: dict[str, Any] = {
        "cash": settings.cash, "commission": settings.commission,
        "spread": settings.spread, "exclusive_orders": True,
    }  # fmt: skip
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if settings.fractional:
            test = lib.FractionalBacktest(frame, strategy, fractional_unit=1e-8, **options)
        else:
            test = backtesting.Backtest(frame, strategy, **options)
        return test.run()


def _strategy_for(signals: Signals, settings: ExecutionSettings) -> type:
    # An indicator that is NaN before the warm-up bar gives backtesting.py the same start.
    warm_up = np.where(np.arange(len(signals)) < signals.start - 1, np.nan, 0.0)
    columns = [np.asarray(c, dtype=bool) for c in
               (signals.entry, signals.exit, signals.short_entry, signals.short_exit)]  # fmt: skip

    class Acting(backtesting.Strategy):  # type: ignore[misc, name-defined]
        def init(self) -> None:
            self.warm = self.I(lambda: warm_up, name="warm_up")

        def next(self) -> None:
            i = len(self.data) - 1
            entry, exit_, short_entry, short_exit = (column[i] for column in columns)
            if entry:
                self.buy(**_order(self.data.Close[-1], 1, settings))
            elif short_entry:
                if settings.allow_short:
                    self.sell(**_order(self.data.Close[-1], -1, settings))
                else:
                    self.position.close()
            elif (exit_ and self.position.is_long) or (short_exit and self.position.is_short):
                self.position.close()

    return Acting


def _order(close: float, direction: int, settings: ExecutionSettings) -> dict[str, Any]:
    order: dict[str, Any] = {}
    if settings.size is not None and settings.size < 1:
        order["size"] = settings.size
    if settings.stop_loss is not None:
        order["sl"] = close * (1 - direction * settings.stop_loss)
    if settings.take_profit is not None:
        target = close * (1 + direction * settings.take_profit)
        order["tp"] = target if target > 0 else None
    return order


def expected_statistics(stats: pd.Series) -> dict[str, Any]:
    """backtesting.py's figures under our names and units (None for NaN, NaT and infinities)."""
    return {ours: _plain(name, stats.get(name, 0.0)) for name, ours in KEYS.items()}


def _plain(name: str, value: Any) -> Any:
    if isinstance(value, pd.Timestamp):
        return int(value.value) // 1_000_000
    if isinstance(value, pd.Timedelta):
        return value.value / 1e9
    if value is pd.NaT or value is None:
        return None
    if name in DURATIONS:
        return None  # a drawdown only on the last bar: backtesting.py puts its depth here
    number = float(value)
    return number if math.isfinite(number) else None


def assert_agrees(result: SimulationResult, stats: pd.Series, rel: float = 1e-6) -> None:
    """Same trades, same equity curve and every statistic within `rel`."""
    trades = stats["_trades"]
    closed = [trade for trade in result.trades if trade.exit_bar is not None]
    assert len(closed) == len(trades)
    for ours, theirs in zip(closed, trades.itertuples(), strict=True):
        assert (ours.entry_bar, ours.exit_bar) == (theirs.EntryBar, theirs.ExitBar)
        expected = (theirs.Size, theirs.EntryPrice, theirs.ExitPrice, theirs.PnL,
                    theirs.Commission, theirs.ReturnPct)  # fmt: skip
        actual = (ours.size, ours.entry_price, ours.exit_price, ours.pnl, ours.commission,
                  ours.return_pct / 100)  # fmt: skip
        assert actual == pytest.approx(expected, rel=rel, abs=1e-9)
    equity = stats["_equity_curve"]["Equity"].to_numpy()
    np.testing.assert_allclose(np.asarray(result.equity), equity, rtol=rel, atol=1e-9)
    mine = result.statistics.as_dict()
    for key, value in expected_statistics(stats).items():
        if value is None:
            assert mine[key] is None, key
        else:
            assert mine[key] == pytest.approx(value, rel=rel, abs=1e-9), key
