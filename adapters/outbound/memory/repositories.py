"""In-memory repositories over a Tables snapshot; every read hands out copies."""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from typing import TypeVar
from uuid import UUID

from adapters.outbound.memory.store import Tables
from core.domain.backtest import Backtest, BacktestStatus
from core.domain.errors import Conflict
from core.domain.pagination import Cursor, Page, PageRequest
from core.domain.strategy import Strategy
from core.domain.trade import Trade
from core.domain.users import UserProfile
from core.domain.values import Symbol

T = TypeVar("T", Backtest, Strategy, Trade)


def _page(
    items: Iterable[T],
    page: PageRequest,
    key: Callable[[T], tuple[datetime, UUID]],
    newest_first: bool,
) -> Page[T]:
    ordered = sorted(items, key=key, reverse=newest_first)
    if page.after is not None:
        mark = (page.after.at, page.after.id)
        ordered = [i for i in ordered if (key(i) < mark if newest_first else key(i) > mark)]
    chosen = ordered[: page.limit + 1]
    more = len(chosen) > page.limit
    chosen = chosen[: page.limit]
    cursor = Cursor(*key(chosen[-1])) if more else None
    return Page([copy.deepcopy(i) for i in chosen], cursor)


def _created(item: Backtest | Strategy) -> tuple[datetime, UUID]:
    return item.created_at, item.id


class InMemoryBacktestRepository:
    def __init__(self, tables: Tables) -> None:
        self._tables = tables

    async def add(self, backtest: Backtest) -> None:
        self._tables.backtests[backtest.id] = copy.deepcopy(backtest)

    async def get(self, owner_id: UUID, backtest_id: UUID) -> Backtest | None:
        found = self._tables.backtests.get(backtest_id)
        return copy.deepcopy(found) if found and found.owner_id == owner_id else None

    async def update(self, backtest: Backtest) -> None:
        self._tables.backtests[backtest.id] = copy.deepcopy(backtest)

    async def delete(self, owner_id: UUID, backtest_id: UUID) -> bool:
        found = self._tables.backtests.get(backtest_id)
        if found is None or found.owner_id != owner_id:
            return False
        del self._tables.backtests[backtest_id]
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
        return _page(mine, page, _created, newest_first=True)

    async def count(self, owner_id: UUID) -> int:
        return sum(1 for b in self._tables.backtests.values() if b.owner_id == owner_id)


class InMemoryTradeRepository:
    def __init__(self, tables: Tables) -> None:
        self._tables = tables

    async def add_many(self, trades: Sequence[Trade]) -> None:
        for trade in trades:
            self._tables.trades[trade.id] = trade

    async def list_for_backtest(
        self, owner_id: UUID, backtest_id: UUID, page: PageRequest
    ) -> Page[Trade]:
        mine = (
            t
            for t in self._tables.trades.values()
            if t.backtest_id == backtest_id and t.owner_id == owner_id
        )
        return _page(mine, page, lambda t: (t.entry_time, t.id), newest_first=False)


class InMemoryStrategyRepository:
    def __init__(self, tables: Tables) -> None:
        self._tables = tables

    def _check_name_free(self, strategy: Strategy) -> None:
        for other in self._tables.strategies.values():
            if (
                other.owner_id == strategy.owner_id
                and other.id != strategy.id
                and other.name_key == strategy.name_key
            ):
                raise Conflict(f"a strategy named {strategy.name!r} already exists")

    async def add(self, strategy: Strategy) -> None:
        self._check_name_free(strategy)
        self._tables.strategies[strategy.id] = copy.deepcopy(strategy)

    async def get(self, owner_id: UUID, strategy_id: UUID) -> Strategy | None:
        found = self._tables.strategies.get(strategy_id)
        return copy.deepcopy(found) if found and found.owner_id == owner_id else None

    async def update(self, strategy: Strategy) -> None:
        self._check_name_free(strategy)
        self._tables.strategies[strategy.id] = copy.deepcopy(strategy)

    async def delete(self, owner_id: UUID, strategy_id: UUID) -> bool:
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
        return _page(mine, page, _created, newest_first=True)

    async def count(self, owner_id: UUID) -> int:
        return sum(1 for s in self._tables.strategies.values() if s.owner_id == owner_id)


class InMemoryUserProfileRepository:
    def __init__(self, tables: Tables) -> None:
        self._tables = tables

    async def upsert(self, profile: UserProfile) -> UserProfile:
        stored = self._tables.users.get(profile.id)
        if stored is None:
            stored = copy.deepcopy(profile)
            self._tables.users[profile.id] = stored
        else:
            stored.email = profile.email
            stored.role = profile.role
            stored.last_seen_at = max(stored.last_seen_at, profile.last_seen_at)
        return copy.deepcopy(stored)

    async def get(self, user_id: UUID) -> UserProfile | None:
        return copy.deepcopy(self._tables.users.get(user_id))
