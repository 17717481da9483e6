"""GetBacktest: one of the caller's backtests."""

from __future__ import annotations

from uuid import UUID

from core.domain.backtest import Backtest
from core.domain.errors import NotFound
from core.ports.unit_of_work import UnitOfWorkFactory


class GetBacktest:
    """Returns the backtest, or NotFound when it is missing or someone else's."""

    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self._uow = uow

    async def __call__(self, owner_id: UUID, backtest_id: UUID) -> Backtest:
        async with self._uow() as uow:
            backtest = await uow.backtests.get(owner_id, backtest_id)
        if backtest is None:
            raise NotFound(f"backtest {backtest_id} not found")
        return backtest
