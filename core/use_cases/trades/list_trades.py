"""ListTrades: a backtest's trades in time order, paginated."""

from __future__ import annotations

from dataclasses import dataclass, field
from uuid import UUID

from core.domain.errors import BacktestNotFound
from core.domain.pagination import Page, PageRequest
from core.domain.trade import Trade
from core.ports.unit_of_work import UnitOfWorkFactory


@dataclass(frozen=True, slots=True)
class ListTradesQuery:
    owner_id: UUID
    backtest_id: UUID
    page: PageRequest = field(default_factory=PageRequest)


class ListTrades:
    """NotFound when the backtest is missing or someone else's, even if it has no trades."""

    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self._uow = uow

    async def __call__(self, query: ListTradesQuery) -> Page[Trade]:
        async with self._uow() as uow:
            if await uow.backtests.get(query.owner_id, query.backtest_id) is None:
                raise BacktestNotFound(query.backtest_id)
            return await uow.trades.list_for_backtest(query.owner_id, query.backtest_id, query.page)
