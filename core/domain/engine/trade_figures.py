"""Statistics of the closed trades, as backtesting.py computes them, plus a few of our own."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from core.domain.engine.drawdowns import mean_ns
from core.domain.engine.ledger import trade_return
from core.domain.engine.numeric import (
    NAN,
    divide,
    geometric_mean,
    mean,
    or_nan,
    pairwise_sum,
    sample_var,
)  # fmt: skip
from core.domain.engine.periods import NS_PER_MS
from core.domain.engine.result import EngineTrade


@dataclass(frozen=True, slots=True)
class SideFigures:
    """One direction's trades: count, share won, cash PnL, geometric mean return, profit factor."""

    count: int
    win_rate: float
    pnl: float
    mean_return: float
    profit_factor: float


@dataclass(frozen=True, slots=True)
class TradeFigures:
    """Raw figures (fractions, NaN where undefined, durations in ns before rounding)."""

    count: int
    commissions: float
    win_rate: float
    best: float
    worst: float
    mean_return: float
    longest_ns: int | None
    mean_duration_ns: int | None
    profit_factor: float
    expectancy: float
    sqn: float
    kelly: float
    wins_in_a_row: int
    losses_in_a_row: int
    long: SideFigures
    short: SideFigures


def trade_figures(trades: Sequence[EngineTrade]) -> TradeFigures:
    pnl = [trade.pnl for trade in trades]
    returns = [_return(trade) for trade in trades]
    durations = [(_exit_time(trade) - trade.entry_time) * NS_PER_MS for trade in trades]
    count = len(trades)
    commissions = 0.0
    for trade in trades:
        commissions += trade.commission
    win_rate = sum(1 for value in pnl if value > 0) / count if count else NAN
    winners = mean([value for value in pnl if value > 0])
    losers = mean([value for value in pnl if value < 0])
    wins, losses = streaks(pnl)
    return TradeFigures(
        count=count,
        commissions=commissions,
        win_rate=win_rate,
        best=max(returns, default=NAN),
        worst=min(returns, default=NAN),
        mean_return=geometric_mean(returns),
        longest_ns=max(durations, default=None),
        mean_duration_ns=mean_ns(durations) if durations else None,
        profit_factor=profit_factor(returns),
        expectancy=mean(returns),
        sqn=math.sqrt(count) * mean(pnl) / or_nan(math.sqrt(sample_var(pnl))),
        kelly=win_rate - divide(1 - win_rate, divide(winners, -losers)),
        wins_in_a_row=wins,
        losses_in_a_row=losses,
        long=_side([t for t in trades if t.size > 0]),
        short=_side([t for t in trades if t.size < 0]),
    )


def profit_factor(returns: Sequence[float]) -> float:
    gains = pairwise_sum([value for value in returns if value > 0])
    return gains / or_nan(abs(pairwise_sum([value for value in returns if value < 0])))


def streaks(pnl: Sequence[float]) -> tuple[int, int]:
    """The longest runs of winning (PnL > 0) and of other trades."""
    longest = {True: 0, False: 0}
    run, previous = 0, None
    for value in pnl:
        won = value > 0
        run = run + 1 if won == previous else 1
        previous = won
        longest[won] = max(longest[won], run)
    return longest[True], longest[False]


def _side(trades: Sequence[EngineTrade]) -> SideFigures:
    pnl = [trade.pnl for trade in trades]
    returns = [_return(trade) for trade in trades]
    count = len(trades)
    return SideFigures(
        count=count,
        win_rate=sum(1 for value in pnl if value > 0) / count if count else NAN,
        pnl=pairwise_sum(pnl),
        mean_return=geometric_mean(returns),
        profit_factor=profit_factor(returns),
    )


def _return(trade: EngineTrade) -> float:
    assert trade.exit_price is not None
    return trade_return(trade.size, trade.entry_price, trade.exit_price, trade.commission)


def _exit_time(trade: EngineTrade) -> int:
    assert trade.exit_time is not None
    return trade.exit_time
