"""InMemoryStrategyRepository: the strategies table of a Tables snapshot."""

from __future__ import annotations

import copy
from uuid import UUID

from adapters.outbound.memory.paging import page_of
from adapters.outbound.memory.rows import strategy_row
from adapters.outbound.memory.store import Tables
from core.domain.errors import Conflict
from core.domain.pagination import Page, PageRequest
from core.domain.strategy import Strategy


class InMemoryStrategyRepository:
    def __init__(self, tables: Tables) -> None:
        self._tables = tables

    def _refuse_name_clash(self, strategy: Strategy) -> None:
        for other in self._tables.strategies.values():
            if (
                other.owner_id == strategy.owner_id
                and other.id != strategy.id
                and other.name_key == strategy.name_key
            ):
                raise Conflict(f"a strategy named {strategy.name!r} already exists")

    async def add(self, strategy: Strategy) -> None:
        row = strategy_row(strategy)
        if strategy.id in self._tables.strategies:
            raise Conflict(f"strategy {strategy.id} already exists")
        self._refuse_name_clash(row)
        self._tables.strategies[strategy.id] = row

    async def get(self, owner_id: UUID, strategy_id: UUID) -> Strategy | None:
        found = self._tables.strategies.get(strategy_id)
        return copy.deepcopy(found) if found and found.owner_id == owner_id else None

    async def lock(self, owner_id: UUID, strategy_id: UUID) -> Strategy | None:
        """Units of work on one store already run one at a time."""
        return await self.get(owner_id, strategy_id)

    async def update(self, strategy: Strategy) -> None:
        """Changes nothing when the template is not the owner's (or is gone)."""
        row = strategy_row(strategy)
        found = self._tables.strategies.get(strategy.id)
        if found is not None and found.owner_id == strategy.owner_id:
            self._refuse_name_clash(row)
            self._tables.strategies[strategy.id] = row

    async def delete(self, owner_id: UUID, strategy_id: UUID) -> bool:
        """Like ON DELETE SET NULL: backtests keep their copy and lose the link."""
        found = self._tables.strategies.get(strategy_id)
        if found is None or found.owner_id != owner_id:
            return False
        del self._tables.strategies[strategy_id]
        for backtest in self._tables.backtests.values():
            if backtest.definition.strategy_id == strategy_id:
                backtest.definition = backtest.with_definition(strategy_id=None)
        return True

    async def list(self, owner_id: UUID, page: PageRequest) -> Page[Strategy]:
        mine = (s for s in self._tables.strategies.values() if s.owner_id == owner_id)
        return page_of(mine, page, lambda s: (s.created_at, s.id), newest_first=True)

    async def count(self, owner_id: UUID) -> int:
        return sum(1 for s in self._tables.strategies.values() if s.owner_id == owner_id)
