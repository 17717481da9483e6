"""RecordTrades: store one trade or a batch, atomically, against the caller's backtests."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from core.domain.errors import BacktestNotFound, RuleViolated
from core.domain.trade import Trade, TradeDraft
from core.domain.values import Symbol
from core.ports.clock import Clock, IdGenerator
from core.ports.unit_of_work import UnitOfWorkFactory

MAX_TRADES_PER_REQUEST = 10_000

__all__ = ["MAX_TRADES_PER_REQUEST", "RecordTrades", "RecordTradesCommand", "TradeDraft"]


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
                    raise BacktestNotFound(backtest_id)
                symbols[backtest_id] = backtest.definition.symbol
            now = self._clock.now()
            trades = [
                Trade.record(
                    self._ids.new_id(), command.owner_id, draft, symbols[draft.backtest_id], now
                )
                for draft in command.trades
            ]
            await uow.trades.add_many(trades)
            await uow.commit()
        return trades
