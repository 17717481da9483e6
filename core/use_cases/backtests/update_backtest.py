"""UpdateBacktest: rename, redefine, change status or record results, in one call."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any
from uuid import UUID

from core.domain.backtest import Backtest, BacktestDefinition, BacktestStatus
from core.domain.errors import NotFound, RuleViolated
from core.domain.timeframe import Timeframe
from core.domain.values import DateRange, Symbol, bounded_text, positive
from core.domain.versions import check_version
from core.ports.clock import Clock
from core.ports.unit_of_work import UnitOfWorkFactory
from core.use_cases.changes import UNSET, Maybe
from core.use_cases.limits import NAME_MAX
from core.use_cases.runs.run_inputs import execution_settings


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
    initial_capital: Maybe[Decimal | int | float | str] = UNSET
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
                raise NotFound(f"backtest {command.backtest_id} not found")
            check_version(command.expected_versions, backtest.updated_at, "the backtest")
            if command.strategy_id not in (UNSET, None):
                template = await uow.strategies.get(command.owner_id, command.strategy_id)
                if template is None:
                    raise NotFound(f"strategy {command.strategy_id} not found")
            now = self._clock.now()
            if command.name is not UNSET:
                backtest.rename(bounded_text(command.name, "name", max_length=NAME_MAX), now)
            backtest.redefine(self._definition(backtest, command), now)
            if command.status is BacktestStatus.QUEUED:
                raise RuleViolated("a backtest is queued by POST .../run", "status")
            if command.status is not UNSET:
                backtest.move_to(command.status, now)
            if command.results is not UNSET:
                backtest.record_results(command.results, now)
            await uow.backtests.update(backtest)
            await uow.commit()
        return backtest

    @staticmethod
    def _definition(backtest: Backtest, command: UpdateBacktestCommand) -> BacktestDefinition:
        current = backtest.definition
        changes: dict[str, Any] = {}
        if command.strategy is not UNSET:
            changes["strategy"] = bounded_text(command.strategy, "strategy", max_length=NAME_MAX)
        if command.strategy_id is not UNSET:
            changes["strategy_id"] = command.strategy_id
        if command.symbol is not UNSET:
            changes["symbol"] = Symbol(command.symbol)
        if command.start_date is not UNSET or command.end_date is not UNSET:
            start = current.period.start if command.start_date is UNSET else command.start_date
            end = current.period.end if command.end_date is UNSET else command.end_date
            changes["period"] = DateRange(start, end)
        if command.initial_capital is not UNSET:
            changes["initial_capital"] = positive(command.initial_capital, "initial_capital")
        if command.timeframe is not UNSET:
            changes["timeframe"] = Timeframe.parse(command.timeframe)
        if command.parameters is not UNSET:
            changes["parameters"] = command.parameters
        if command.execution is not UNSET:
            changes["execution"] = dict(command.execution)
        definition = backtest.with_definition(**changes)
        execution_settings(definition.execution, float(definition.initial_capital))
        return definition
