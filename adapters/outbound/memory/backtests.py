"""InMemoryBacktestRepository: the backtests table of a Tables snapshot."""

from __future__ import annotations

import copy
from uuid import UUID

from adapters.outbound.memory.paging import page_of
from adapters.outbound.memory.rows import backtest_row
from adapters.outbound.memory.store import Tables
from core.domain.backtest import Backtest, BacktestStatus
from core.domain.errors import Conflict, StrategyNotFound
from core.domain.pagination import Page, PageRequest
from core.domain.values import Symbol


class InMemoryBacktestRepository:
    def __init__(self, tables: Tables) -> None:
        self._tables = tables

    def _refuse_missing_strategy(self, row: Backtest) -> None:
        strategy_id = row.definition.strategy_id
        if strategy_id is not None and strategy_id not in self._tables.strategies:
            raise StrategyNotFound(strategy_id)

    async def add(self, backtest: Backtest) -> None:
        row = backtest_row(backtest)
        if backtest.id in self._tables.backtests:
            raise Conflict(f"backtest {backtest.id} already exists")
        self._refuse_missing_strategy(row)
        self._tables.backtests[backtest.id] = row

    async def get(self, owner_id: UUID, backtest_id: UUID) -> Backtest | None:
        found = self._tables.backtests.get(backtest_id)
        return copy.deepcopy(found) if found and found.owner_id == owner_id else None

    async def lock(self, owner_id: UUID, backtest_id: UUID) -> Backtest | None:
        """A get: units of work on one store already run one at a time."""
        return await self.get(owner_id, backtest_id)

    async def update(self, backtest: Backtest) -> None:
        """Changes nothing when the backtest is not the owner's (or is gone)."""
        row = backtest_row(backtest)
        found = self._tables.backtests.get(backtest.id)
        if found is not None and found.owner_id == backtest.owner_id:
            self._refuse_missing_strategy(row)
            self._tables.backtests[backtest.id] = row

    async def count_active_runs(self, owner_id: UUID) -> int:
        return sum(
            1
            for b in self._tables.backtests.values()
            if b.owner_id == owner_id and b.runs_on_the_server
        )

    async def delete(self, owner_id: UUID, backtest_id: UUID) -> bool:
        found = self._tables.backtests.get(backtest_id)
        if found is None or found.owner_id != owner_id:
            return False
        del self._tables.backtests[backtest_id]
        self._tables.results.pop(backtest_id, None)
        trades = self._tables.trades
        for trade_id in [t.id for t in trades.values() if t.backtest_id == backtest_id]:
            del trades[trade_id]
        return True

    async def list(
        self,
        owner_id: UUID,
        page: PageRequest,
        status: BacktestStatus | None = None,
        symbol: Symbol | None = None,
    ) -> Page[Backtest]:
        mine = (
            b
            for b in self._tables.backtests.values()
            if b.owner_id == owner_id
            and (status is None or b.status is status)
            and (symbol is None or b.definition.symbol == symbol)
        )
        return page_of(mine, page, lambda b: (b.created_at, b.id), newest_first=True)

    async def count(self, owner_id: UUID) -> int:
        return sum(1 for b in self._tables.backtests.values() if b.owner_id == owner_id)
