"""CreateBacktest: define a new backtest, optionally from a saved strategy template."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from core.domain.backtest import Backtest, BacktestDraft
from core.domain.errors import StrategyNotFound
from core.ports.clock import Clock, IdGenerator
from core.ports.unit_of_work import UnitOfWorkFactory


@dataclass(frozen=True, slots=True, kw_only=True)
class CreateBacktestCommand(BacktestDraft):
    """The draft of a new backtest, by its owner."""

    owner_id: UUID


class CreateBacktest:
    """Stores the backtest; the template its draft names must be one of the caller's."""

    def __init__(self, uow: UnitOfWorkFactory, clock: Clock, ids: IdGenerator) -> None:
        self._uow = uow
        self._clock = clock
        self._ids = ids

    async def __call__(self, command: CreateBacktestCommand) -> Backtest:
        async with self._uow() as uow:
            template = None
            if command.strategy_id is not None:
                template = await uow.strategies.get(command.owner_id, command.strategy_id)
                if template is None:
                    raise StrategyNotFound(command.strategy_id)
            backtest = Backtest.create(
                self._ids.new_id(), command.owner_id, command, template, self._clock.now()
            )
            await uow.backtests.add(backtest)
            await uow.commit()
        return backtest
