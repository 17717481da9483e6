"""The broker of the reference simulation: cash, one open trade and the orders waiting."""

from __future__ import annotations

import math
from dataclasses import dataclass

from core.domain.engine.bars import Bars
from core.domain.engine.execution import ExecutionSettings
from core.domain.engine.ledger import closed_trade, open_trade
from core.domain.engine.result import EngineTrade, ExitReason


@dataclass(slots=True)
class Position:
    size: float
    entry_bar: int
    entry_price: float
    stop: float | None
    target: float | None


@dataclass(slots=True)
class Entry:
    direction: int
    stop: float | None
    target: float | None


class Account:
    """Fills at bar i the orders placed at bar i-1's close, as backtesting.py's broker."""

    def __init__(self, bars: Bars, settings: ExecutionSettings) -> None:
        self.bars = bars
        self.settings = settings
        self.cash = settings.cash
        self.position: Position | None = None
        self.closing = False
        self.entry: Entry | None = None
        self.closed: list[EngineTrade] = []
        self.cancelled = 0  # orders the cash at their fill could not pay one unit of

    @property
    def direction(self) -> int:
        return 0 if self.position is None else (1 if self.position.size > 0 else -1)

    def equity(self, i: int) -> float:
        held = self.position
        if held is None:
            return self.cash
        return self.cash + (self.bars.close[i] * held.size - held.size * held.entry_price)

    def order(self, direction: int, i: int) -> None:
        """A market order for the next open; stop and target are set from this close."""
        close, settings = self.bars.close[i], self.settings
        stop = target = None
        if settings.stop_loss is not None:
            stop = close * (1 - direction * settings.stop_loss)
        if settings.take_profit is not None:
            target = close * (1 + direction * settings.take_profit)
            target = target if target > 0 else None  # a short's target below zero: never hit
        self.closing = self.position is not None
        self.entry = Entry(direction, stop, target)

    def close_at_next_open(self) -> None:
        self.closing = True

    def fill(self, i: int) -> None:
        if self.position is not None:
            if self.closing:
                self._close(i, self.bars.open[i], "signal")
            else:
                self._protect(i)
        self.closing = False
        entry, self.entry = self.entry, None
        if entry is None:
            return
        if self._open(i, entry):
            self._protect(i)  # a stop or target can trigger on the entry bar itself
        else:
            self.cancelled += 1

    def liquidate(self, i: int) -> None:
        """Equity ran out: the trade closes at this close and the simulation stops."""
        if self.position is not None:
            self._close(i, self.bars.close[i], "end")
        self.cash = 0.0

    def trades(self) -> list[EngineTrade]:
        held = self.position
        if held is None:
            return list(self.closed)
        return [*self.closed, open_trade(self.bars, held, self.settings.commission)]

    def _open(self, i: int, entry: Entry) -> bool:
        price, settings = self.bars.open[i], self.settings
        fraction, rate = settings.order_fraction, settings.commission
        adjusted = price * (1 + math.copysign(settings.spread, entry.direction))
        per_unit = adjusted + fraction * price * rate / fraction
        margin = max(0.0, self.cash)
        if settings.fractional:
            units = margin * fraction / per_unit
        else:
            units = float(int(margin * fraction // per_unit))
            if units * per_unit > margin:
                return False
        if not units:
            return False  # not enough cash for one unit: the broker cancels the order
        size = entry.direction * units
        self.position = Position(size, i, adjusted, entry.stop, entry.target)
        self.cash -= abs(size) * adjusted * rate
        return True

    def _protect(self, i: int) -> None:
        held = self.position
        assert held is not None
        bars, long = self.bars, held.size > 0
        low, high, open_ = bars.low[i], bars.high[i], bars.open[i]
        if held.stop is not None and (low <= held.stop if long else high >= held.stop):
            self._close(i, min(open_, held.stop) if long else max(open_, held.stop), "stop_loss")
        elif held.target is not None and (high >= held.target if long else low <= held.target):
            price = max(open_, held.target) if long else min(open_, held.target)
            self._close(i, price, "take_profit")

    def _close(self, i: int, price: float, reason: ExitReason) -> None:
        held = self.position
        assert held is not None
        trade, cash_change = closed_trade(
            self.bars, held, i, price, reason, self.settings.commission
        )
        self.closed.append(trade)
        self.cash = self.cash + cash_change
        self.position = None
