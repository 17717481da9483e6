"""InMemoryTradeRepository: the trades table of a Tables snapshot."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from adapters.outbound.memory.paging import page_of
from adapters.outbound.memory.rows import trade_row
from adapters.outbound.memory.store import Tables
from core.domain.errors import Conflict, NotFound
from core.domain.pagination import Page, PageRequest
from core.domain.trade import Trade, TradeSource


class InMemoryTradeRepository:
    def __init__(self, tables: Tables) -> None:
        self._tables = tables

    async def add_many(self, trades: Sequence[Trade]) -> None:
        """All or nothing: every row is checked before any is written, as COPY does."""
        rows = [trade_row(t) for t in trades]
        ids = [t.id for t in rows]
        if len(set(ids)) < len(ids) or not self._tables.trades.keys().isdisjoint(ids):
            raise Conflict("a trade with one of these ids already exists")
        if any(t.backtest_id not in self._tables.backtests for t in rows):
            raise NotFound("the backtest of a trade was not found")
        self._tables.trades.update((t.id, t) for t in rows)

    async def delete_engine_trades(self, owner_id: UUID, backtest_id: UUID) -> int:
        trades = self._tables.trades
        doomed = [
            t.id
            for t in trades.values()
            if t.backtest_id == backtest_id
            and t.owner_id == owner_id
            and t.source is TradeSource.ENGINE
        ]
        for trade_id in doomed:
            del trades[trade_id]
        return len(doomed)

    async def list_for_backtest(
        self, owner_id: UUID, backtest_id: UUID, page: PageRequest
    ) -> Page[Trade]:
        mine = (
            t
            for t in self._tables.trades.values()
            if t.backtest_id == backtest_id and t.owner_id == owner_id
        )
        return page_of(mine, page, lambda t: (t.entry_time, t.id), newest_first=False)
