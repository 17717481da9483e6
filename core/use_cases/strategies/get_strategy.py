"""GetStrategy: one of the caller's templates."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from core.domain.errors import StrategyNotFound
from core.domain.strategy import Strategy
from core.ports.unit_of_work import UnitOfWorkFactory


@dataclass(frozen=True, slots=True)
class GetStrategyQuery:
    owner_id: UUID
    strategy_id: UUID


class GetStrategy:
    """Returns the template, or NotFound when it is missing or someone else's."""

    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self._uow = uow

    async def __call__(self, query: GetStrategyQuery) -> Strategy:
        async with self._uow() as uow:
            strategy = await uow.strategies.get(query.owner_id, query.strategy_id)
        if strategy is None:
            raise StrategyNotFound(query.strategy_id)
        return strategy
