"""GetBacktest: one of the caller's backtests."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from core.domain.backtest import Backtest
from core.domain.errors import BacktestNotFound
from core.ports.unit_of_work import UnitOfWorkFactory


@dataclass(frozen=True, slots=True)
class GetBacktestQuery:
    owner_id: UUID
    backtest_id: UUID


class GetBacktest:
    """Returns the backtest, or NotFound when it is missing or someone else's."""

    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self._uow = uow

    async def __call__(self, query: GetBacktestQuery) -> Backtest:
        async with self._uow() as uow:
            backtest = await uow.backtests.get(query.owner_id, query.backtest_id)
        if backtest is None:
            raise BacktestNotFound(query.backtest_id)
        return backtest
