"""CreateBacktest: define a new backtest, optionally from a saved strategy template."""

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
from core.ports.clock import Clock, IdGenerator
from core.ports.unit_of_work import UnitOfWorkFactory
from core.use_cases.limits import NAME_MAX
from core.use_cases.runs.run_inputs import execution_settings

DEFAULT_TIMEFRAME = "1d"


@dataclass(frozen=True, slots=True)
class CreateBacktestCommand:
    owner_id: UUID
    name: str
    symbol: str
    start_date: date
    end_date: date
    initial_capital: Decimal | int | float | str
    strategy: str | None = None
    strategy_id: UUID | None = None
    timeframe: str = DEFAULT_TIMEFRAME
    parameters: dict[str, Any] | None = None
    status: BacktestStatus = BacktestStatus.PENDING
    results: dict[str, Any] | None = None
    execution: dict[str, Any] | None = None


class CreateBacktest:
    """Stores a pending backtest; a template fills in the strategy name and default parameters."""

    def __init__(self, uow: UnitOfWorkFactory, clock: Clock, ids: IdGenerator) -> None:
        self._uow = uow
        self._clock = clock
        self._ids = ids

    async def __call__(self, command: CreateBacktestCommand) -> Backtest:
        async with self._uow() as uow:
            strategy_name = command.strategy
            parameters: dict[str, Any] = {}
            if command.strategy_id is not None:
                template = await uow.strategies.get(command.owner_id, command.strategy_id)
                if template is None:
                    raise NotFound(f"strategy {command.strategy_id} not found")
                strategy_name = strategy_name or template.name
                parameters.update(template.parameters)
            if strategy_name is None:
                raise RuleViolated("strategy is required unless strategy_id is given", "strategy")
            if command.status is BacktestStatus.QUEUED:
                raise RuleViolated("a backtest is queued by POST .../run, not created so", "status")
            capital = positive(command.initial_capital, "initial_capital")
            execution = dict(command.execution or {})
            execution_settings(execution, float(capital))
            parameters.update(command.parameters or {})
            now = self._clock.now()
            backtest = Backtest(
                id=self._ids.new_id(),
                owner_id=command.owner_id,
                name=bounded_text(command.name, "name", max_length=NAME_MAX),
                definition=BacktestDefinition(
                    strategy=bounded_text(strategy_name, "strategy", max_length=NAME_MAX),
                    symbol=Symbol(command.symbol),
                    period=DateRange(command.start_date, command.end_date),
                    initial_capital=capital,
                    timeframe=Timeframe.parse(command.timeframe),
                    parameters=parameters,
                    strategy_id=command.strategy_id,
                    execution=execution,
                ),
                created_at=now,
                updated_at=now,
                # A run executed elsewhere may be recorded in whatever state it reached.
                status=command.status,
            )
            if command.results is not None:
                backtest.record_results(command.results, now)
            await uow.backtests.add(backtest)
            await uow.commit()
        return backtest


__all__ = ["CreateBacktest", "CreateBacktestCommand"]
