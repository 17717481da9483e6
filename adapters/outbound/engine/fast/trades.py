"""Statistics of the closed trades, compiled: core's TradeFigures in one call.

The figures are those of core.domain.engine.trade_figures, each sum taken in numpy's
order (sums.py), so they keep the bits the numpy version of this module had.
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit

from adapters.outbound.engine.fast.kernel import ENTRY_BAR, EXIT_BAR, PNL, RETURN, SIZE
from adapters.outbound.engine.fast.sums import geometric, log_growth_mean, mean, total
from adapters.outbound.engine.fast.sums import sample_var as variance
from core.domain.engine.numeric import NAN, divide, or_nan
from core.domain.engine.periods import NS_PER_MS
from core.domain.engine.trade_figures import SideFigures, TradeFigures

# What _side_sums returns: count, winners, summed PnL, mean log growth, gains, losses.
_SideSums = tuple[int, int, float, float, float, float]


def trade_figures(table: np.ndarray, times: np.ndarray, commissions: float) -> TradeFigures:
    """From the closed rows of the trade table (kernel.py's columns), in closing order."""
    count = len(table)
    if not count:
        empty = np.empty(0)
        none = side(_side_sums(empty, empty))
        return TradeFigures(0, commissions, NAN, NAN, NAN, NAN, None, None, NAN, NAN, NAN, NAN,
                            0, 0, none, none)  # fmt: skip
    table = np.ascontiguousarray(table)
    (best, worst, longest, durations, won, wins, losses, expectancy, pnl_mean, pnl_var,
     winners, losers, everything, long, short) = _trade_sums(table, times)  # fmt: skip
    win_rate = won / count
    return TradeFigures(
        count=count,
        commissions=commissions,
        win_rate=win_rate,
        best=best,
        worst=worst,
        mean_return=geometric(everything[3]),
        longest_ns=int(longest),
        mean_duration_ns=int(float(durations) / count),
        profit_factor=everything[4] / or_nan(abs(everything[5])),
        expectancy=expectancy,
        sqn=math.sqrt(count) * pnl_mean / or_nan(math.sqrt(pnl_var)),
        kelly=win_rate - divide(1 - win_rate, divide(winners, -losers)),
        wins_in_a_row=int(wins),
        losses_in_a_row=int(losses),
        long=side(long),
        short=side(short),
    )


def side(sums: _SideSums) -> SideFigures:
    count, won, pnl, log_growth, gains, losses = sums
    return SideFigures(
        count=count,
        win_rate=won / count if count else NAN,
        pnl=pnl,
        mean_return=geometric(log_growth),
        profit_factor=gains / or_nan(abs(losses)),
    )


@njit(nogil=True, cache=True)
def _side_sums(pnl, returns):  # pragma: no cover - compiled
    count = pnl.shape[0]
    won = 0
    for value in pnl:
        won += value > 0
    gains, losses = total(returns[returns > 0]), total(returns[returns < 0])
    return count, won, total(pnl), log_growth_mean(returns), gains, losses


@njit(nogil=True, cache=True)
def _trade_sums(table, times):  # pragma: no cover - compiled
    count = table.shape[0]
    pnl = np.ascontiguousarray(table[:, PNL])
    returns = np.ascontiguousarray(table[:, RETURN])
    best, worst, longest, durations = returns[0], returns[0], np.int64(0), np.int64(0)
    wins = losses = run = 0
    previous = not pnl[0] > 0  # not the first trade's outcome: the first run starts at 1
    for k in range(count):
        value = returns[k]
        if value != value or best != best:
            best = worst = np.nan
        else:
            best, worst = max(best, value), min(worst, value)
        duration = times[np.int64(table[k, EXIT_BAR])] - times[np.int64(table[k, ENTRY_BAR])]
        duration *= NS_PER_MS
        longest = max(longest, duration) if k else duration
        durations += duration
        won = pnl[k] > 0
        run = run + 1 if won == previous else 1
        previous = won
        if won:
            wins = max(wins, run)
        else:
            losses = max(losses, run)
    long = table[:, SIZE] > 0
    everything = _side_sums(pnl, returns)
    return (
        best, worst, longest, durations, everything[1], wins, losses,
        mean(returns), mean(pnl), variance(pnl),
        mean(pnl[pnl > 0]), mean(pnl[pnl < 0]), everything,
        _side_sums(pnl[long], returns[long]),
        _side_sums(pnl[~long], returns[~long]),
    )  # fmt: skip
