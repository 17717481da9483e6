"""ListStrategies: the caller's templates, newest first, paginated."""

from __future__ import annotations

from uuid import UUID

from core.domain.pagination import Page, PageRequest
from core.domain.strategy import Strategy
from core.ports.unit_of_work import UnitOfWorkFactory


class ListStrategies:
    """Lists one page of the caller's templates."""

    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self._uow = uow

    async def __call__(self, owner_id: UUID, page: PageRequest) -> Page[Strategy]:
        async with self._uow() as uow:
            return await uow.strategies.list(owner_id, page)
