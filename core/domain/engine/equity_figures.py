"""The raw figures of an equity curve, in pure Python (the fast engine computes the same)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from core.domain.engine.bars import Bars
from core.domain.engine.curve import beta, exposed_bars, period_returns
from core.domain.engine.drawdowns import Drawdowns, drawdowns
from core.domain.engine.numeric import geometric_mean, mean, sample_var
from core.domain.engine.periods import is_weekend, median_spacing_ns, periods_per_year, sampling


@dataclass(frozen=True, slots=True)
class CurveFigures:
    """Reductions of bars and equity that the statistics are derived from.

    `growth` is the geometric mean period return, `variance` the sample variance of period
    returns and `downside` the mean of their squared negative parts; `spacing_ns` the
    median bar spacing (None for a single bar).
    """

    start: int
    end: int
    bar_count: int
    exposed_bars: int
    equity_start: float
    equity_final: float
    equity_peak: float
    buy_and_hold: float
    drawdowns: Drawdowns
    growth: float
    variance: float
    downside: float
    periods_per_year: int
    beta: float
    spacing_ns: int | None


def curve_figures(
    bars: Bars, equity: Sequence[float], start: int, spans: Sequence[tuple[int, int]]
) -> CurveFigures:
    times, close, count = bars.times, bars.close, len(bars)
    spacing = median_spacing_ns(times)
    weekend_share = sum(1 for ms in times if is_weekend(ms)) / count
    returns = period_returns(times, equity, sampling(spacing))
    first = min(start - 1, count - 1)  # backtesting.py's warm-up bar
    return CurveFigures(
        start=times[0],
        end=times[-1],
        bar_count=count,
        exposed_bars=exposed_bars(count, spans),
        equity_start=equity[0],
        equity_final=equity[-1],
        equity_peak=max(equity),
        buy_and_hold=(close[-1] - close[first]) / close[first] * 100,
        drawdowns=drawdowns(times, equity),
        growth=geometric_mean(returns),
        variance=sample_var(returns),
        downside=mean([loss * loss for loss in (min(value, 0.0) for value in returns)]),
        periods_per_year=periods_per_year(spacing, weekend_share),
        beta=beta(equity, close),
        spacing_ns=spacing,
    )
