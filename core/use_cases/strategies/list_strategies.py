"""ListStrategies: the caller's templates, newest first, paginated."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from uuid import UUID

from core.domain.pagination import Cursor, Page, PageRequest, within_bytes
from core.domain.strategy import Strategy
from core.ports.unit_of_work import UnitOfWorkFactory


@dataclass(frozen=True, slots=True)
class ListStrategiesQuery:
    owner_id: UUID
    page: PageRequest = field(default_factory=PageRequest)


class ListStrategies:
    """Lists one page of the caller's templates."""

    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self._uow = uow

    async def __call__(self, query: ListStrategiesQuery) -> Page[Strategy]:
        async with self._uow() as uow:
            found = await uow.strategies.list(query.owner_id, query.page)
        return within_bytes(found, _size, lambda s: Cursor(s.created_at, s.id))


def _size(strategy: Strategy) -> int:
    """Roughly the JSON bytes of the template: its free-form objects dominate."""
    free_form = (strategy.parameters, strategy.rules, strategy.description)
    return 1024 + sum(len(json.dumps(value, default=str)) for value in free_form if value)
