"""DeleteStrategy: remove a template; backtests made from it keep their settings."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from core.domain.errors import StrategyNotFound
from core.ports.unit_of_work import UnitOfWorkFactory


@dataclass(frozen=True, slots=True)
class DeleteStrategyCommand:
    owner_id: UUID
    strategy_id: UUID


class DeleteStrategy:
    """Deletes the template; NotFound when it is missing or someone else's."""

    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self._uow = uow

    async def __call__(self, command: DeleteStrategyCommand) -> None:
        async with self._uow() as uow:
            if not await uow.strategies.delete(command.owner_id, command.strategy_id):
                raise StrategyNotFound(command.strategy_id)
            await uow.commit()
