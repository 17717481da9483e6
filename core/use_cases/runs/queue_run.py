"""QueueRun: ask the server to run a backtest; a worker picks the job up."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from core.domain.backtest import Backtest
from core.domain.errors import BacktestNotFound, TooManyRequests
from core.domain.run_job import RunJob
from core.ports.clock import Clock, IdGenerator
from core.ports.strategy_compiler import StrategyCompiler
from core.ports.unit_of_work import UnitOfWorkFactory
from core.use_cases.runs.run_inputs import program_of


@dataclass(frozen=True, slots=True)
class QueueRunCommand:
    owner_id: UUID
    backtest_id: UUID


class QueueRun:
    """Checks that the backtest can run, drops an earlier run's results and queues a job.

    The job is enqueued in the same transaction as the status change, so a backtest is
    queued exactly when a job exists for it.
    """

    def __init__(
        self,
        uow: UnitOfWorkFactory,
        clock: Clock,
        ids: IdGenerator,
        compiler: StrategyCompiler,
        max_active_runs: int,
        retry_after: int = 30,
    ) -> None:
        self._uow = uow
        self._clock = clock
        self._ids = ids
        self._compiler = compiler
        self._max_active = max_active_runs
        self._retry_after = retry_after

    async def __call__(self, command: QueueRunCommand) -> Backtest:
        async with self._uow() as uow:
            await uow.users.lock(command.owner_id)  # serialises one user's queueing
            backtest = await uow.backtests.lock(command.owner_id, command.backtest_id)
            if backtest is None:
                raise BacktestNotFound(command.backtest_id)
            template = None
            if backtest.definition.strategy_id is not None:
                template = await uow.strategies.get(
                    command.owner_id, backtest.definition.strategy_id
                )
            program_of(self._compiler, backtest, template)
            backtest.definition.settings()
            if not backtest.runs_on_the_server:
                active = await uow.backtests.count_active_runs(command.owner_id)
                if active >= self._max_active:
                    raise TooManyRequests(
                        f"{active} of your runs are queued or running (at most "
                        f"{self._max_active}); wait for one to finish",
                        self._retry_after,
                    )
            run_id = self._ids.new_id()
            backtest.queue_run(run_id, self._clock.now())
            await uow.results.delete(command.owner_id, backtest.id)
            await uow.trades.delete_engine_trades(command.owner_id, backtest.id)
            await uow.backtests.update(backtest)
            await uow.jobs.enqueue(RunJob(command.owner_id, backtest.id, run_id))
            await uow.commit()
        return backtest
