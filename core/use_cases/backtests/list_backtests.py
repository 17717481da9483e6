"""ListBacktests: the caller's backtests, newest first, filtered and paginated."""

from __future__ import annotations

from dataclasses import dataclass, field
from uuid import UUID

from core.domain.backtest import Backtest, BacktestStatus
from core.domain.pagination import Page, PageRequest
from core.domain.values import Symbol
from core.ports.unit_of_work import UnitOfWorkFactory


@dataclass(frozen=True, slots=True)
class ListBacktestsQuery:
    owner_id: UUID
    page: PageRequest = field(default_factory=PageRequest)
    status: BacktestStatus | None = None
    symbol: str | None = None


class ListBacktests:
    """Lists one page of the caller's backtests."""

    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self._uow = uow

    async def __call__(self, query: ListBacktestsQuery) -> Page[Backtest]:
        symbol = Symbol(query.symbol) if query.symbol is not None else None
        async with self._uow() as uow:
            return await uow.backtests.list(query.owner_id, query.page, query.status, symbol)
