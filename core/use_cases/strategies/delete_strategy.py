"""DeleteStrategy: remove a template; backtests made from it keep their settings."""

from __future__ import annotations

from uuid import UUID

from core.domain.errors import NotFound
from core.ports.unit_of_work import UnitOfWorkFactory


class DeleteStrategy:
    """Deletes the template; NotFound when it is missing or someone else's."""

    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self._uow = uow

    async def __call__(self, owner_id: UUID, strategy_id: UUID) -> None:
        async with self._uow() as uow:
            if not await uow.strategies.delete(owner_id, strategy_id):
                raise NotFound(f"strategy {strategy_id} not found")
            await uow.commit()
