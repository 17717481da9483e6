"""Two contenders of bench/engine.py: backtesting.py itself, and the compiled floor."""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
from numba import njit


def backtesting_run(
    frame: pd.DataFrame, fast: int, slow: int, commission: float
) -> Callable[[], Any]:
    from backtesting import Backtest, Strategy
    from backtesting.lib import crossover

    def sma(values: Any, n: int) -> Any:
        return pd.Series(values).rolling(n).mean()

    class SmaCross(Strategy):  # type: ignore[misc]
        def init(self) -> None:
            self.quick = self.I(sma, self.data.Close, fast)
            self.slow = self.I(sma, self.data.Close, slow)

        def next(self) -> None:
            if crossover(self.quick, self.slow):
                self.buy()
            elif crossover(self.slow, self.quick):
                self.sell()

    test = Backtest(frame, SmaCross, cash=10_000, commission=commission, exclusive_orders=True)

    def run() -> Any:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return test.run()

    return run


@njit(nogil=True, cache=True)
def floor_loop(open_: np.ndarray, close: np.ndarray, fast: int, slow: int, cash: float) -> Any:
    """Running-sum SMAs, crosses at the close, all-in whole units at the next open, equity."""
    count = close.shape[0]
    equity = np.empty(count)
    quick_sum = slow_sum = 0.0
    prev_quick = prev_slow = np.nan
    size, entry, pending = 0.0, 0.0, 0
    for i in range(count):
        if pending != 0:
            cash += size * (open_[i] - entry)
            size = pending * float(int(cash // open_[i]))
            entry, pending = open_[i], 0
        quick_sum += close[i] - (close[i - fast] if i >= fast else 0.0)
        slow_sum += close[i] - (close[i - slow] if i >= slow else 0.0)
        quick = quick_sum / fast if i >= fast - 1 else np.nan
        slower = slow_sum / slow if i >= slow - 1 else np.nan
        if prev_quick < prev_slow and quick > slower:
            pending = 1
        elif prev_slow < prev_quick and slower > quick:
            pending = -1
        prev_quick, prev_slow = quick, slower
        equity[i] = cash + size * (close[i] - entry)
    return equity
