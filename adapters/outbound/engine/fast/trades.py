"""Statistics of the closed trades with numpy: core's TradeFigures, computed fast."""

from __future__ import annotations

import math

import numpy as np

from adapters.outbound.engine.fast.curve import geometric_mean, mean, sample_var
from adapters.outbound.engine.fast.kernel import ENTRY_BAR, EXIT_BAR, PNL, RETURN, SIZE
from core.domain.engine.numeric import NAN, divide, or_nan
from core.domain.engine.periods import NS_PER_MS
from core.domain.engine.trade_figures import SideFigures, TradeFigures


def trade_figures(table: np.ndarray, times: np.ndarray, commissions: float) -> TradeFigures:
    """From the closed rows of the trade table (kernel.py's columns), in closing order."""
    pnl, returns = table[:, PNL], table[:, RETURN]
    entry_bars, exit_bars = (
        table[:, ENTRY_BAR].astype(np.int64),
        table[:, EXIT_BAR].astype(np.int64),
    )
    durations = (times[exit_bars] - times[entry_bars]) * NS_PER_MS
    count = len(table)
    win_rate = np.count_nonzero(pnl > 0) / count if count else NAN
    wins, losses = streaks(pnl > 0)
    long = table[:, SIZE] > 0
    return TradeFigures(
        count=count,
        commissions=commissions,
        win_rate=win_rate,
        best=float(returns.max()) if count else NAN,
        worst=float(returns.min()) if count else NAN,
        mean_return=geometric_mean(returns),
        longest_ns=int(durations.max()) if count else None,
        mean_duration_ns=int(float(durations.sum()) / count) if count else None,
        profit_factor=profit_factor(returns),
        expectancy=mean(returns),
        sqn=math.sqrt(count) * mean(pnl) / or_nan(math.sqrt(sample_var(pnl))),
        kelly=win_rate - divide(1 - win_rate, divide(mean(pnl[pnl > 0]), -mean(pnl[pnl < 0]))),
        wins_in_a_row=wins,
        losses_in_a_row=losses,
        long=side(pnl[long], returns[long]),
        short=side(pnl[~long], returns[~long]),
    )


def side(pnl: np.ndarray, returns: np.ndarray) -> SideFigures:
    count = len(pnl)
    return SideFigures(
        count=count,
        win_rate=np.count_nonzero(pnl > 0) / count if count else NAN,
        pnl=float(np.sum(pnl)),
        mean_return=geometric_mean(returns),
        profit_factor=profit_factor(returns),
    )


def profit_factor(returns: np.ndarray) -> float:
    gains = float(np.sum(returns[returns > 0]))
    return gains / or_nan(abs(float(np.sum(returns[returns < 0]))))


def streaks(won: np.ndarray) -> tuple[int, int]:
    """The longest runs of True and of False."""
    if not len(won):
        return 0, 0
    edges = np.flatnonzero(won[1:] != won[:-1]) + 1
    starts = np.concatenate(([0], edges))
    lengths = np.diff(np.concatenate((starts, [len(won)])))
    kinds = won[starts]
    return int(lengths[kinds].max(initial=0)), int(lengths[~kinds].max(initial=0))
