"""ListTrades: a backtest's trades in time order, paginated."""

from __future__ import annotations

from uuid import UUID

from core.domain.errors import NotFound
from core.domain.pagination import Page, PageRequest
from core.domain.trade import Trade
from core.ports.unit_of_work import UnitOfWorkFactory


class ListTrades:
    """NotFound when the backtest is missing or someone else's, even if it has no trades."""

    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self._uow = uow

    async def __call__(self, owner_id: UUID, backtest_id: UUID, page: PageRequest) -> Page[Trade]:
        async with self._uow() as uow:
            if await uow.backtests.get(owner_id, backtest_id) is None:
                raise NotFound(f"backtest {backtest_id} not found")
            return await uow.trades.list_for_backtest(owner_id, backtest_id, page)
