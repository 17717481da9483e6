"""UpdateStrategy: change a template's name, kind, description or parameters."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from core.domain.changes import UNSET, Maybe
from core.domain.errors import StrategyNotFound
from core.domain.strategy import Strategy
from core.domain.versions import check_version
from core.ports.clock import Clock
from core.ports.strategy_compiler import StrategyCompiler
from core.ports.unit_of_work import UnitOfWorkFactory


@dataclass(frozen=True, slots=True)
class UpdateStrategyCommand:
    """Fields left UNSET are kept; description None clears it."""

    owner_id: UUID
    strategy_id: UUID
    name: Maybe[str] = UNSET
    kind: Maybe[str] = UNSET
    description: Maybe[str | None] = UNSET
    parameters: Maybe[dict[str, Any]] = UNSET
    rules: Maybe[dict[str, str]] = UNSET
    # If-Match: the versions the client's copy may have; None writes whatever is stored.
    expected_versions: tuple[str, ...] | None = None


class UpdateStrategy:
    """Applies a partial update; a changed kind, parameters or rules must compile."""

    def __init__(self, uow: UnitOfWorkFactory, clock: Clock, compiler: StrategyCompiler) -> None:
        self._uow = uow
        self._clock = clock
        self._compiler = compiler

    async def __call__(self, command: UpdateStrategyCommand) -> Strategy:
        async with self._uow() as uow:
            strategy = await uow.strategies.lock(command.owner_id, command.strategy_id)
            if strategy is None:
                raise StrategyNotFound(command.strategy_id)
            check_version(command.expected_versions, strategy.updated_at, "the strategy")
            strategy.revise(
                self._clock.now(),
                name=command.name,
                kind=command.kind,
                description=command.description,
                parameters=command.parameters,
                rules=command.rules,
            )
            if any(v is not UNSET for v in (command.kind, command.parameters, command.rules)):
                # What runs changed: it must still run. A rename alone keeps an old template.
                self._compiler.compile(strategy.kind, strategy.parameters, strategy.rules)
            await uow.strategies.update(strategy)
            await uow.commit()
        return strategy
