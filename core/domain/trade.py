"""A Trade: one position opened (and maybe closed) during a backtest."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any
from uuid import UUID

from core.domain.amounts import (
    Number,
    non_negative,
    positive,
    require_non_negative,
    require_positive,
    to_decimal,
)
from core.domain.errors import RuleViolated
from core.domain.text import TEXT_MAX, bounded_text
from core.domain.values import Symbol


class Side(StrEnum):
    LONG = "long"
    SHORT = "short"
    BUY = "buy"
    SELL = "sell"

    @property
    def direction(self) -> int:
        """+1 when the trade profits from a rise, -1 when from a fall."""
        return 1 if self in (Side.LONG, Side.BUY) else -1


class TradeSource(StrEnum):
    """Who recorded the trade: a client (manual) or a run on the server (engine)."""

    MANUAL = "manual"
    ENGINE = "engine"


def check_exit(
    entry_time: datetime | None, exit_time: datetime | None, exit_price: object | None
) -> None:
    """A trade closes no earlier than it opens, and with both a time and a price or neither;
    a time not known (None) is not compared."""
    if entry_time is not None and exit_time is not None and exit_time < entry_time:
        raise RuleViolated("exit_time must not be before entry_time", "exit_time")
    if (exit_time is None) != (exit_price is None):
        raise RuleViolated("exit_time and exit_price come together or not at all", "exit_price")


@dataclass(frozen=True, slots=True)
class TradeDraft:
    """A trade as a client writes it; `Trade.record` checks it."""

    backtest_id: UUID
    side: Side
    quantity: Number
    entry_time: datetime
    entry_price: Number
    symbol: str | None = None
    exit_time: datetime | None = None
    exit_price: Number | None = None
    commission: Number = 0
    pnl: Number | None = None
    notes: str | None = None


@dataclass(frozen=True, slots=True)
class Trade:
    """Quantity and prices above zero, commission not below; notes trimmed; it closes (with
    a time and a price) no earlier than it opens. Without a pnl, a closed trade works it out."""

    id: UUID
    owner_id: UUID
    backtest_id: UUID
    symbol: Symbol
    side: Side
    quantity: Decimal
    entry_time: datetime
    entry_price: Decimal
    created_at: datetime
    exit_time: datetime | None = None
    exit_price: Decimal | None = None
    commission: Decimal = Decimal(0)
    pnl: Decimal | None = None
    notes: str | None = None
    source: TradeSource = TradeSource.MANUAL
    # Engine trades: bars, return, MAE/MFE and why it closed (see core.domain.engine.result).
    details: dict[str, Any] | None = None

    def __post_init__(self) -> None:
        require_positive(self.quantity, "quantity")
        require_positive(self.entry_price, "entry_price")
        if self.exit_price is not None:
            require_positive(self.exit_price, "exit_price")
        require_non_negative(self.commission, "commission")
        if self.notes is not None:
            notes = bounded_text(self.notes, "notes", max_length=TEXT_MAX, required=False)
            object.__setattr__(self, "notes", notes)
        if self.entry_time.tzinfo is None:
            raise RuleViolated("entry_time must carry a time zone", "entry_time")
        if self.exit_time is not None and self.exit_time.tzinfo is None:
            raise RuleViolated("exit_time must carry a time zone", "exit_time")
        check_exit(self.entry_time, self.exit_time, self.exit_price)
        if self.pnl is None and self.exit_price is not None:
            object.__setattr__(self, "pnl", self.realised_pnl())

    @classmethod
    def record(
        cls, id: UUID, owner_id: UUID, draft: TradeDraft, symbol: Symbol, now: datetime
    ) -> Trade:
        """A trade a client records, of `symbol` unless the draft names another; its amounts
        as a client may write them (core.domain.amounts)."""
        return cls(
            id=id,
            owner_id=owner_id,
            backtest_id=draft.backtest_id,
            symbol=Symbol(draft.symbol) if draft.symbol is not None else symbol,
            side=draft.side,
            quantity=positive(draft.quantity, "quantity"),
            entry_time=draft.entry_time,
            entry_price=positive(draft.entry_price, "entry_price"),
            exit_time=draft.exit_time,
            exit_price=None
            if draft.exit_price is None
            else positive(draft.exit_price, "exit_price"),
            commission=non_negative(draft.commission, "commission"),
            pnl=None if draft.pnl is None else to_decimal(draft.pnl, "pnl"),
            notes=draft.notes,
            created_at=now,
        )

    def realised_pnl(self) -> Decimal | None:
        """Profit of a closed trade after commission; None while it is open."""
        if self.exit_price is None:
            return None
        move = (self.exit_price - self.entry_price) * self.side.direction
        return move * self.quantity - self.commission

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Trade) and other.id == self.id

    def __hash__(self) -> int:
        return hash(self.id)
