"""CreateStrategy: save a named template of parameters."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from core.domain.strategy import Strategy
from core.domain.values import bounded_text
from core.ports.clock import Clock, IdGenerator
from core.ports.unit_of_work import UnitOfWorkFactory
from core.use_cases.limits import KIND_MAX, NAME_MAX, TEXT_MAX

DEFAULT_KIND = "custom"


@dataclass(frozen=True, slots=True)
class CreateStrategyCommand:
    owner_id: UUID
    name: str
    kind: str = DEFAULT_KIND
    description: str | None = None
    parameters: dict[str, Any] | None = None


class CreateStrategy:
    """Stores the template; Conflict when the caller already has one of that name."""

    def __init__(self, uow: UnitOfWorkFactory, clock: Clock, ids: IdGenerator) -> None:
        self._uow = uow
        self._clock = clock
        self._ids = ids

    async def __call__(self, command: CreateStrategyCommand) -> Strategy:
        now = self._clock.now()
        strategy = Strategy(
            id=self._ids.new_id(),
            owner_id=command.owner_id,
            name=bounded_text(command.name, "name", max_length=NAME_MAX),
            kind=bounded_text(command.kind, "kind", max_length=KIND_MAX),
            description=optional_text(command.description, "description"),
            parameters=dict(command.parameters or {}),
            created_at=now,
            updated_at=now,
        )
        async with self._uow() as uow:
            await uow.strategies.add(strategy)
            await uow.commit()
        return strategy


def optional_text(value: str | None, field: str) -> str | None:
    if value is None:
        return None
    return bounded_text(value, field, max_length=TEXT_MAX, required=False) or None
