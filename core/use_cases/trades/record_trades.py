"""RecordTrades: store one trade or a batch, atomically, against the caller's backtests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from uuid import UUID

from core.domain.errors import NotFound, RuleViolated
from core.domain.trade import Side, Trade
from core.domain.values import Symbol, bounded_text, non_negative, positive, to_decimal
from core.ports.clock import Clock, IdGenerator
from core.ports.unit_of_work import UnitOfWorkFactory
from core.use_cases.limits import MAX_TRADES_PER_REQUEST, TEXT_MAX

Number = Decimal | int | float | str


@dataclass(frozen=True, slots=True)
class TradeDraft:
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
class RecordTradesCommand:
    owner_id: UUID
    trades: tuple[TradeDraft, ...]


class RecordTrades:
    """All trades are stored or none is; a backtest that is not the caller's is NotFound."""

    def __init__(self, uow: UnitOfWorkFactory, clock: Clock, ids: IdGenerator) -> None:
        self._uow = uow
        self._clock = clock
        self._ids = ids

    async def __call__(self, command: RecordTradesCommand) -> list[Trade]:
        if not command.trades:
            raise RuleViolated("at least one trade is required", "trades")
        if len(command.trades) > MAX_TRADES_PER_REQUEST:
            raise RuleViolated(f"at most {MAX_TRADES_PER_REQUEST} trades per request", "trades")
        async with self._uow() as uow:
            symbols: dict[UUID, Symbol] = {}
            # Locked in one order, so a backtest deleted meanwhile is NotFound, never a
            # foreign-key failure, and two batches never wait on each other in a cycle.
            for backtest_id in sorted({draft.backtest_id for draft in command.trades}):
                backtest = await uow.backtests.lock(command.owner_id, backtest_id)
                if backtest is None:
                    raise NotFound(f"backtest {backtest_id} not found")
                symbols[backtest_id] = backtest.definition.symbol
            now = self._clock.now()
            trades = [
                self._trade(command.owner_id, draft, symbols[draft.backtest_id], now)
                for draft in command.trades
            ]
            await uow.trades.add_many(trades)
            await uow.commit()
        return trades

    def _trade(self, owner_id: UUID, draft: TradeDraft, default: Symbol, now: datetime) -> Trade:
        return Trade(
            id=self._ids.new_id(),
            owner_id=owner_id,
            backtest_id=draft.backtest_id,
            symbol=Symbol(draft.symbol) if draft.symbol is not None else default,
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
            notes=None
            if draft.notes is None
            else bounded_text(draft.notes, "notes", max_length=TEXT_MAX, required=False),
            created_at=now,
        )


def _optional_positive(value: Number | None, field: str) -> Decimal | None:
    return None if value is None else positive(value, field)
