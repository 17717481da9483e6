"""The raw figures of an equity curve with numpy: core's CurveFigures, computed fast."""

from __future__ import annotations

from concurrent.futures import Future

import numpy as np

from adapters.outbound.engine.fast.arrays import BarArrays
from adapters.outbound.engine.fast.passes import DAY_MS, curve_pass
from core.domain.engine.drawdowns import Drawdowns
from core.domain.engine.equity_figures import CurveFigures
from core.domain.engine.numeric import NAN, divide, exp
from core.domain.engine.periods import Sampling, median_spacing_ns, periods_per_year, sampling

LogReturns = tuple[Future[np.ndarray | None], Future[np.ndarray | None]]  # equity, close


def curve_figures(
    bars: BarArrays, equity: np.ndarray, start: int, exposed: int, logs: LogReturns
) -> CurveFigures:
    """`logs` are the bar log returns of equity and of the close, maybe still being worked
    out on another thread (side_work)."""
    times, close, count = bars.times, bars.close, len(bars.times)
    spacing = median_spacing_ns(bars.times[-100:].tolist())
    span = min(count, int(times[-1] // DAY_MS - times[0] // DAY_MS) + 1)  # days with bars
    peaks, days, closes = np.zeros(count), np.empty(span, np.int64), np.empty(span)
    deepest, periods, longest, total, top, written, weekend = curve_pass(
        times, equity, peaks, days, closes
    )
    returns = period_returns(days[:written], closes[:written], sampling(spacing))
    lows = drawdowns(float(deepest), peaks, periods, longest, total)
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
        drawdowns=lows,
        growth=geometric_mean(returns),
        variance=sample_var(returns),
        downside=mean(np.minimum(returns, 0.0) ** 2),  # numpy squares by x*x, as core
        periods_per_year=periods_per_year(spacing, weekend / count),
        beta=beta(*(future.result() for future in logs)),
        spacing_ns=spacing,
    )


def drawdowns(
    deepest: float, peaks: np.ndarray, periods: int, longest: int, total: int
) -> Drawdowns:
    """From curve_pass: the mean depth sums a full-length column, as pandas does."""
    if periods == 0:
        nonzero = int(np.count_nonzero(peaks))
        average = float(np.sum(peaks)) / nonzero if nonzero else NAN
        return Drawdowns(deepest, average, None, None)
    average_ns = int(float(total) / periods)  # pandas' timedelta mean, truncated
    return Drawdowns(deepest, float(np.sum(peaks)) / periods, int(longest), average_ns)


def period_returns(days: np.ndarray, closes: np.ndarray, every: Sampling) -> np.ndarray:
    """Returns between the last values of consecutive calendar periods (0/0 dropped)."""
    if every != "D":
        keys = {"W": (days + 3) // 7}.get(every)
        if keys is None:
            unit = "datetime64[M]" if every == "ME" else "datetime64[Y]"
            keys = days.astype("datetime64[D]").astype(unit).astype(np.int64)
        last = np.append(keys[1:] != keys[:-1], True)
        closes = closes[last]
    with np.errstate(divide="ignore", invalid="ignore"):
        returns = closes[1:] / closes[:-1] - 1
    return returns[~np.isnan(returns)]


def mean(values: np.ndarray) -> float:
    return float(np.sum(values)) / len(values) if len(values) else NAN


def geometric_mean(returns: np.ndarray) -> float:
    growth = returns + 1
    if np.any(growth <= 0):
        return 0.0
    if not len(growth):
        return NAN
    return exp(float(np.sum(np.log(growth))) / len(growth)) - 1


def sample_var(values: np.ndarray) -> float:
    count = len(values)
    if count <= 1:
        return NAN
    deviations = float(np.sum(values)) / count - values
    return float(np.sum(deviations * deviations)) / (count - 1)


def beta(mine: np.ndarray | None, market: np.ndarray | None) -> float:
    """As core.domain.engine.curve.beta, from the two columns of log returns (side_work),
    which it overwrites."""
    if mine is None or market is None:
        return NAN
    np.subtract(mine, float(np.sum(mine)) / len(mine), out=mine)
    np.subtract(market, float(np.sum(market)) / len(market), out=market)
    scale = 1 / (len(mine) - 1)
    covariance = float(np.sum(np.multiply(mine, market, out=mine))) * scale
    return divide(covariance, float(np.sum(np.multiply(market, market, out=market))) * scale)
