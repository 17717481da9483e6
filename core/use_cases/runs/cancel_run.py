"""CancelRun: stop a queued run now, or a running one at its worker's next check."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from core.domain.backtest import Backtest
from core.domain.errors import BacktestNotFound
from core.ports.clock import Clock
from core.ports.unit_of_work import UnitOfWorkFactory


@dataclass(frozen=True, slots=True)
class CancelRunCommand:
    owner_id: UUID
    backtest_id: UUID


class CancelRun:
    def __init__(self, uow: UnitOfWorkFactory, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def __call__(self, command: CancelRunCommand) -> Backtest:
        async with self._uow() as uow:
            backtest = await uow.backtests.lock(command.owner_id, command.backtest_id)
            if backtest is None:
                raise BacktestNotFound(command.backtest_id)
            backtest.cancel_run(self._clock.now())
            await uow.backtests.update(backtest)
            await uow.commit()
        return backtest
