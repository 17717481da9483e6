"""ListBacktests: the caller's backtests, newest first, filtered and paginated."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from uuid import UUID

from core.domain.backtest import Backtest, BacktestStatus
from core.domain.pagination import Cursor, Page, PageRequest, within_bytes
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
            page = await uow.backtests.list(query.owner_id, query.page, query.status, symbol)
        return within_bytes(page, _size, lambda b: Cursor(b.created_at, b.id))


def _size(backtest: Backtest) -> int:
    """Roughly the JSON bytes of the backtest: its free-form objects dominate."""
    free_form = (backtest.definition.parameters, backtest.definition.execution, backtest.results)
    return 1024 + sum(len(json.dumps(value, default=str)) for value in free_form if value)
