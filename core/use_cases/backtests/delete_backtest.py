"""DeleteBacktest: remove a backtest and its trades."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from core.domain.errors import BacktestNotFound
from core.ports.unit_of_work import UnitOfWorkFactory


@dataclass(frozen=True, slots=True)
class DeleteBacktestCommand:
    owner_id: UUID
    backtest_id: UUID


class DeleteBacktest:
    """Deletes the backtest with its trades; NotFound when it is missing or someone else's."""

    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self._uow = uow

    async def __call__(self, command: DeleteBacktestCommand) -> None:
        async with self._uow() as uow:
            if not await uow.backtests.delete(command.owner_id, command.backtest_id):
                raise BacktestNotFound(command.backtest_id)
            await uow.commit()
