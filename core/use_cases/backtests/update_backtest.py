"""UpdateBacktest: rename, redefine, change status or record results, in one call."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from uuid import UUID

from core.domain.amounts import Number
from core.domain.backtest import Backtest, BacktestStatus
from core.domain.changes import UNSET, Maybe
from core.domain.errors import BacktestNotFound, RuleViolated, StrategyNotFound
from core.domain.versions import check_version
from core.ports.clock import Clock
from core.ports.unit_of_work import UnitOfWorkFactory

# The status a client reports, as the change it means.
_INTENTS: dict[BacktestStatus, Callable[[Backtest, datetime], None]] = {
    BacktestStatus.PENDING: Backtest.requeue,
    BacktestStatus.RUNNING: Backtest.start,
    BacktestStatus.COMPLETED: Backtest.complete,
    BacktestStatus.FAILED: Backtest.fail,
    BacktestStatus.CANCELLED: Backtest.cancel,
}


@dataclass(frozen=True, slots=True)
class UpdateBacktestCommand:
    """Fields left UNSET are kept as they are."""

    owner_id: UUID
    backtest_id: UUID
    name: Maybe[str] = UNSET
    strategy: Maybe[str] = UNSET
    strategy_id: Maybe[UUID | None] = UNSET
    symbol: Maybe[str] = UNSET
    start_date: Maybe[date] = UNSET
    end_date: Maybe[date] = UNSET
    initial_capital: Maybe[Number] = UNSET
    timeframe: Maybe[str] = UNSET
    parameters: Maybe[dict[str, Any]] = UNSET
    status: Maybe[BacktestStatus] = UNSET
    results: Maybe[dict[str, Any]] = UNSET
    execution: Maybe[dict[str, Any]] = UNSET
    # If-Match: the versions the client's copy may have; None writes whatever is stored.
    expected_versions: tuple[str, ...] | None = None


class UpdateBacktest:
    """Applies a partial update; the entity decides which changes its status allows."""

    def __init__(self, uow: UnitOfWorkFactory, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def __call__(self, command: UpdateBacktestCommand) -> Backtest:
        async with self._uow() as uow:
            backtest = await uow.backtests.lock(command.owner_id, command.backtest_id)
            if backtest is None:
                raise BacktestNotFound(command.backtest_id)
            check_version(command.expected_versions, backtest.updated_at, "the backtest")
            if command.strategy_id not in (UNSET, None):
                template = await uow.strategies.get(command.owner_id, command.strategy_id)
                if template is None:
                    raise StrategyNotFound(command.strategy_id)
            now = self._clock.now()
            if command.name is not UNSET:
                backtest.rename(command.name, now)
            definition = backtest.definition.revised(
                strategy=command.strategy,
                strategy_id=command.strategy_id,
                symbol=command.symbol,
                start_date=command.start_date,
                end_date=command.end_date,
                initial_capital=command.initial_capital,
                timeframe=command.timeframe,
                parameters=command.parameters,
                execution=command.execution,
            )
            backtest.redefine(definition, now)
            if command.status is not UNSET:
                _intent(command.status)(backtest, now)
            if command.results is not UNSET:
                backtest.record_results(command.results, now)
            await uow.backtests.update(backtest)
            await uow.commit()
        return backtest


def _intent(status: BacktestStatus) -> Callable[[Backtest, datetime], None]:
    if status not in _INTENTS:
        raise RuleViolated("a backtest is queued by POST .../run", "status")
    return _INTENTS[status]
