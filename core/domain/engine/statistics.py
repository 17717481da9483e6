"""The statistics of a run: backtesting.py's figures under the API's names, and a few more.

Percentages are percent, ratios are plain numbers, times are epoch milliseconds and
durations are seconds. A figure that is undefined (no trades, no drawdown, too few
periods) or infinite is None.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass

from core.domain.engine.bars import Bars
from core.domain.engine.equity_figures import CurveFigures, curve_figures
from core.domain.engine.numeric import NAN, divide, finite, or_nan, power, sqrt
from core.domain.engine.periods import DAY_MS, resolution_ns, round_up
from core.domain.engine.result import EngineTrade
from core.domain.engine.trade_figures import TradeFigures, trade_figures


@dataclass(frozen=True, slots=True)
class Statistics:
    """REFERENCE.md's table under its API keys, then ours.

    `exposure_adjusted_return_pct` = return_pct / exposure_time_pct * 100. `orders_cancelled`
    counts the orders the broker cancelled at their fill because the cash did not pay for
    one unit (backtesting.py drops them with a warning): all in with whole units, a price
    above the equity trades nothing at all. Streaks count
    closed trades in order (a PnL of zero is a loss). The long_ and short_ figures are
    those of the closed trades of one direction: count, win rate, summed PnL in cash, the
    geometric mean trade return (as avg_trade_pct) and the profit factor.
    """

    start: int
    end: int
    duration: float
    exposure_time_pct: float | None
    equity_final: float | None
    equity_peak: float | None
    commissions: float | None
    return_pct: float | None
    buy_and_hold_return_pct: float | None
    return_ann_pct: float | None
    volatility_ann_pct: float | None
    cagr_pct: float | None
    sharpe_ratio: float | None
    sortino_ratio: float | None
    calmar_ratio: float | None
    alpha_pct: float | None
    beta: float | None
    max_drawdown_pct: float | None
    avg_drawdown_pct: float | None
    max_drawdown_duration: float | None
    avg_drawdown_duration: float | None
    trade_count: int
    win_rate_pct: float | None
    best_trade_pct: float | None
    worst_trade_pct: float | None
    avg_trade_pct: float | None
    max_trade_duration: float | None
    avg_trade_duration: float | None
    profit_factor: float | None
    expectancy_pct: float | None
    sqn: float | None
    kelly_criterion: float | None
    # Beyond backtesting.py:
    exposure_adjusted_return_pct: float | None
    max_consecutive_wins: int
    max_consecutive_losses: int
    long_trade_count: int
    long_win_rate_pct: float | None
    long_pnl: float | None
    long_avg_trade_pct: float | None
    long_profit_factor: float | None
    short_trade_count: int
    short_win_rate_pct: float | None
    short_pnl: float | None
    short_avg_trade_pct: float | None
    short_profit_factor: float | None
    orders_cancelled: int

    def as_dict(self) -> dict[str, float | int | None]:
        return asdict(self)


def compute_statistics(
    bars: Bars,
    equity: Sequence[float],
    closed: Sequence[EngineTrade],
    start: int,
    cancelled: int,
) -> Statistics:
    """The statistics of a run from its bars, equity curve, closed trades, Signals.start and
    the orders cancelled for want of cash."""
    spans = [(trade.entry_bar, trade.exit_bar) for trade in closed if trade.exit_bar is not None]
    return assemble(curve_figures(bars, equity, start, spans), trade_figures(closed), cancelled)


def assemble(curve: CurveFigures, trades: TradeFigures, cancelled: int) -> Statistics:
    """Derives every statistic from the raw figures, in backtesting.py's arithmetic."""
    n = curve.periods_per_year
    growth = 1 + curve.growth
    annual = power(growth, n) - 1
    volatility = sqrt(power(curve.variance + power(growth, 2), n) - power(growth, 2 * n)) * 100
    span_ms = curve.end - curve.start
    years = (span_ms // DAY_MS + (span_ms % DAY_MS) // 1000 / 86400) / 365.25
    cagr = (power(curve.equity_final / curve.equity_start, 1 / years) - 1) * 100 if years else NAN
    return_pct = (curve.equity_final - curve.equity_start) / curve.equity_start * 100
    exposure = curve.exposed_bars / curve.bar_count * 100
    downside = divide(annual, sqrt(curve.downside) * math.sqrt(n))
    dd = curve.drawdowns
    unit = None if curve.spacing_ns is None else resolution_ns(curve.spacing_ns)

    def seconds(ns: int | None) -> float | None:
        return None if ns is None or unit is None else round_up(ns, unit) / 1e9

    return Statistics(
        start=curve.start,
        end=curve.end,
        duration=span_ms / 1000,
        exposure_time_pct=finite(exposure),
        equity_final=finite(curve.equity_final),
        equity_peak=finite(curve.equity_peak),
        commissions=finite(trades.commissions),
        return_pct=finite(return_pct),
        buy_and_hold_return_pct=finite(curve.buy_and_hold),
        return_ann_pct=finite(annual * 100),
        volatility_ann_pct=finite(volatility),
        cagr_pct=finite(cagr),
        sharpe_ratio=finite(annual * 100 / or_nan(volatility)),
        sortino_ratio=finite(downside),
        calmar_ratio=finite(annual / or_nan(dd.deepest)),
        alpha_pct=finite(return_pct - curve.beta * curve.buy_and_hold),
        beta=finite(curve.beta),
        max_drawdown_pct=finite(-dd.deepest * 100),
        avg_drawdown_pct=finite(-dd.mean_peak * 100),
        max_drawdown_duration=seconds(dd.longest_ns),
        avg_drawdown_duration=seconds(dd.mean_ns),
        trade_count=trades.count,
        win_rate_pct=finite(trades.win_rate * 100),
        best_trade_pct=finite(trades.best * 100),
        worst_trade_pct=finite(trades.worst * 100),
        avg_trade_pct=finite(trades.mean_return * 100),
        max_trade_duration=seconds(trades.longest_ns),
        avg_trade_duration=seconds(trades.mean_duration_ns),
        profit_factor=finite(trades.profit_factor),
        expectancy_pct=finite(trades.expectancy * 100),
        sqn=finite(trades.sqn),
        kelly_criterion=finite(trades.kelly),
        exposure_adjusted_return_pct=finite(divide(return_pct, exposure) * 100),
        max_consecutive_wins=trades.wins_in_a_row,
        max_consecutive_losses=trades.losses_in_a_row,
        long_trade_count=trades.long.count,
        long_win_rate_pct=finite(trades.long.win_rate * 100),
        long_pnl=finite(trades.long.pnl),
        long_avg_trade_pct=finite(trades.long.mean_return * 100),
        long_profit_factor=finite(trades.long.profit_factor),
        short_trade_count=trades.short.count,
        short_win_rate_pct=finite(trades.short.win_rate * 100),
        short_pnl=finite(trades.short.pnl),
        short_avg_trade_pct=finite(trades.short.mean_return * 100),
        short_profit_factor=finite(trades.short.profit_factor),
        orders_cancelled=cancelled,
    )
