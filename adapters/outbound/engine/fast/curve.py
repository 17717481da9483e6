"""The raw figures of an equity curve, compiled: core's CurveFigures, computed fast."""

from __future__ import annotations

import numpy as np
from numba import njit

from adapters.outbound.engine.fast import sums
from adapters.outbound.engine.fast.arrays import BarArrays
from adapters.outbound.engine.fast.passes import DAY_MS, curve_pass
from adapters.outbound.engine.fast.side_work import Later
from core.domain.engine.drawdowns import Drawdowns
from core.domain.engine.equity_figures import CurveFigures
from core.domain.engine.numeric import NAN, divide
from core.domain.engine.periods import NS_PER_MS, Sampling, periods_per_year, sampling

LogReturns = tuple[Later, Later]  # equity, close


def curve_figures(
    bars: BarArrays, equity: np.ndarray, start: int, exposed: int, logs: LogReturns
) -> CurveFigures:
    """`logs` are the bar log returns of equity and of the close, maybe still being worked
    out on another thread (side_work)."""
    times, close, count = bars.times, bars.close, len(bars.times)
    (gap, deepest, periods, longest, total, top, weekend, peaks, nonzero,
     days, closes, daily) = _curve(times, equity)  # fmt: skip
    spacing = None if gap < 0 else int(gap) * NS_PER_MS // 2
    every = sampling(spacing)
    growth, variance, downside = daily if every == "D" else _period_figures(
        period_returns(days, closes, every)
    )  # fmt: skip
    first = min(start - 1, count - 1)
    return CurveFigures(
        start=int(times[0]),
        end=int(times[-1]),
        bar_count=count,
        exposed_bars=exposed,
        equity_start=float(equity[0]),
        equity_final=float(equity[-1]),
        equity_peak=float(top),
        buy_and_hold=float((close[-1] - close[first]) / close[first] * 100),
        drawdowns=drawdowns(deepest, peaks, nonzero, periods, longest, total),
        growth=sums.geometric(growth),
        variance=variance,
        downside=downside,
        periods_per_year=periods_per_year(spacing, weekend / count),
        beta=beta(*(future.result() for future in logs)),
        spacing_ns=spacing,
    )


@njit(nogil=True, cache=True)
def _curve(times, equity):  # pragma: no cover - compiled
    """Every reduction of the curve in one call (a call costs more than a short run's
    arithmetic): the median gap (doubled, see _median_gap), curve_pass's figures, the
    drawdown depths' sum and count, the days' last values, and the daily returns' figures."""
    count = equity.shape[0]
    span = min(count, times[-1] // DAY_MS - times[0] // DAY_MS + 1)  # days with bars
    peaks, days, closes = np.zeros(count), np.empty(span, np.int64), np.empty(span)
    deepest, periods, longest, total, top, written, weekend = curve_pass(
        times, equity, peaks, days, closes
    )
    nonzero = 0
    for depth in peaks:
        nonzero += depth != 0
    days, closes = days[:written], closes[:written]
    return (
        _median_gap(times[-100:]), deepest, periods, longest, total, top, weekend,
        sums.total(peaks), nonzero, days, closes, _period_sums(_returns(closes)),
    )  # fmt: skip


@njit(nogil=True, cache=True)
def _period_sums(returns):  # pragma: no cover - compiled
    """The mean log growth, the sample variance and the downside of period returns."""
    return sums.log_growth_mean(returns), sums.sample_var(returns), _downside(returns)


def _period_figures(returns: np.ndarray) -> tuple[float, float, float]:
    growth, variance, downside = _period_sums(returns)
    return float(growth), float(variance), float(downside)


@njit(nogil=True, cache=True)
def _median_gap(times):  # pragma: no cover - compiled
    """Twice the median gap between the times, in ms (-1 for fewer than two times)."""
    gaps = np.sort(times[1:] - times[:-1])
    if not gaps.size:
        return -1
    middle = gaps.size // 2
    return 2 * gaps[middle] if gaps.size % 2 else gaps[middle - 1] + gaps[middle]


def drawdowns(
    deepest: float, peaks: float, nonzero: int, periods: int, longest: int, total: int
) -> Drawdowns:
    """From curve_pass: `peaks` sums the depth column (full length, as pandas does)."""
    if periods == 0:
        return Drawdowns(float(deepest), peaks / nonzero if nonzero else NAN, None, None)
    average_ns = int(float(total) / periods)  # pandas' timedelta mean, truncated
    return Drawdowns(float(deepest), float(peaks) / periods, int(longest), average_ns)


def period_returns(days: np.ndarray, closes: np.ndarray, every: Sampling) -> np.ndarray:
    """Returns between the last values of consecutive calendar periods (0/0 dropped)."""
    if every != "D":
        keys = {"W": (days + 3) // 7}.get(every)
        if keys is None:
            unit = "datetime64[M]" if every == "ME" else "datetime64[Y]"
            keys = days.astype("datetime64[D]").astype(unit).astype(np.int64)
        last = np.append(keys[1:] != keys[:-1], True)
        closes = closes[last]
    return _returns(np.ascontiguousarray(closes))


@njit(nogil=True, cache=True, error_model="numpy")  # x / 0 is inf or NaN, as in numpy
def _returns(closes):  # pragma: no cover - compiled
    returns = np.empty(max(0, closes.shape[0] - 1))
    kept = 0
    for i in range(returns.shape[0]):
        value = closes[i + 1] / closes[i] - 1
        if value == value:
            returns[kept] = value
            kept += 1
    return returns[:kept]


@njit(nogil=True, cache=True)
def _downside(returns):  # pragma: no cover - compiled
    """The mean of the squared negative returns (numpy squares by x * x, as core does)."""
    squares = np.empty(returns.shape[0])
    for i in range(returns.shape[0]):
        loss = min(returns[i], 0.0)
        squares[i] = loss * loss
    return sums.mean(squares)


def beta(mine: np.ndarray | None, market: np.ndarray | None) -> float:
    """As core.domain.engine.curve.beta, from the two columns of log returns (side_work),
    which it overwrites."""
    if mine is None or market is None:
        return NAN
    covariance, variance = _co_moments(mine, market)
    return divide(covariance, variance)


@njit(nogil=True, cache=True)
def _co_moments(mine, market):  # pragma: no cover - compiled
    count = mine.shape[0]
    mine_mean, market_mean = sums.total(mine) / count, sums.total(market) / count
    for i in range(count):
        mine[i] -= mine_mean
        market[i] -= market_mean
    scale = 1 / (count - 1)
    for i in range(count):
        mine[i] *= market[i]
        market[i] *= market[i]
    return sums.total(mine) * scale, sums.total(market) * scale
