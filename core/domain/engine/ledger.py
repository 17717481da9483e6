"""Turning a position into a trade record: cash, commissions, returns and excursions."""

from __future__ import annotations

import math
from typing import Protocol

from core.domain.engine.bars import Bars
from core.domain.engine.result import EngineTrade, ExitReason


class Held(Protocol):
    @property
    def size(self) -> float: ...
    @property
    def entry_bar(self) -> int: ...
    @property
    def entry_price(self) -> float: ...


def closed_trade(
    bars: Bars, held: Held, i: int, price: float, reason: ExitReason, rate: float
) -> tuple[EngineTrade, float]:
    """The trade closed at `price` on bar i, and what closing it adds to cash."""
    size, entry = held.size, held.entry_price
    exit_commission = abs(size) * price * rate
    gross = size * (price - entry)
    commission = exit_commission + abs(size) * entry * rate
    # Only "end" (out of money at the close) saw the whole exit bar; other exits stop inside it.
    last_whole_bar = i if reason == "end" else i - 1
    mae, mfe = excursion_pcts(bars, held, last_whole_bar, price)
    trade = EngineTrade(
        size, held.entry_bar, bars.times[held.entry_bar], entry, i, bars.times[i], price,
        gross - commission, trade_return(size, entry, price, commission) * 100,
        commission, reason, mae, mfe,
    )  # fmt: skip
    return trade, gross - exit_commission


def open_trade(bars: Bars, held: Held, rate: float) -> EngineTrade:
    """The trade still open at the end, marked at the last close after its entry commission."""
    size, entry = held.size, held.entry_price
    last = len(bars) - 1
    price = bars.close[last]
    commission = abs(size) * entry * rate
    mae, mfe = excursion_pcts(bars, held, last, price)
    return EngineTrade(
        size, held.entry_bar, bars.times[held.entry_bar], entry, None, None, None,
        size * (price - entry) - commission, trade_return(size, entry, price, commission) * 100,
        commission, None, mae, mfe,
    )  # fmt: skip


def trade_return(size: float, entry: float, price: float, commission: float) -> float:
    """backtesting.py's Trade.pl_pct, a fraction: price move in the trade's favour less costs."""
    return math.copysign(1, size) * (price / entry - 1) - commission / (abs(size) * entry)


def excursion_pcts(
    bars: Bars, held: Held, last_whole_bar: int, price: float
) -> tuple[float, float]:
    """Worst and best unrealised move from the entry price, in percent (0 when never reached).

    The path is the high and low of every bar from the entry bar to `last_whole_bar`, and
    the exit (or last) price.
    """
    first = held.entry_bar
    low = min(price, min(bars.low[first : last_whole_bar + 1], default=price))
    high = max(price, max(bars.high[first : last_whole_bar + 1], default=price))
    entry, direction = held.entry_price, (1 if held.size > 0 else -1)
    worst, best = (low, high) if direction > 0 else (high, low)
    adverse = direction * (worst / entry - 1) * 100
    favourable = direction * (best / entry - 1) * 100
    return min(0.0, adverse), max(0.0, favourable)
