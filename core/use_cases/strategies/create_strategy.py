"""CreateStrategy: save a named template of parameters."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from core.domain.strategy import Strategy, template_kind
from core.ports.clock import Clock, IdGenerator
from core.ports.strategy_compiler import StrategyCompiler
from core.ports.unit_of_work import UnitOfWorkFactory


@dataclass(frozen=True, slots=True)
class CreateStrategyCommand:
    owner_id: UUID
    name: str
    kind: str | None = None
    description: str | None = None
    parameters: dict[str, Any] | None = None
    rules: dict[str, str] | None = None


class CreateStrategy:
    """Stores a runnable template (kind and parameters checked); Conflict on a taken name."""

    def __init__(
        self, uow: UnitOfWorkFactory, clock: Clock, ids: IdGenerator, compiler: StrategyCompiler
    ) -> None:
        self._uow = uow
        self._clock = clock
        self._ids = ids
        self._compiler = compiler

    async def __call__(self, command: CreateStrategyCommand) -> Strategy:
        kind = template_kind(command.kind, command.rules)
        self._compiler.compile(kind, command.parameters, command.rules)
        now = self._clock.now()
        strategy = Strategy(
            id=self._ids.new_id(),
            owner_id=command.owner_id,
            name=command.name,
            kind=kind,
            description=command.description,
            parameters=dict(command.parameters or {}),
            rules=dict(command.rules) if command.rules else None,
            created_at=now,
            updated_at=now,
        )
        async with self._uow() as uow:
            await uow.strategies.add(strategy)
            await uow.commit()
        return strategy
