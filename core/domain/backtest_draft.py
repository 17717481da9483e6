"""BacktestDraft: a backtest as a client first writes it, before it is checked and stored."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from core.domain.amounts import Number, positive
from core.domain.backtest_definition import DEFAULT_TIMEFRAME, BacktestDefinition
from core.domain.backtest_execution import execution_settings
from core.domain.backtest_status import BacktestStatus
from core.domain.errors import RuleViolated
from core.domain.strategy import Strategy
from core.domain.text import trimmed_name
from core.domain.timeframe import Timeframe
from core.domain.values import DateRange, Symbol


@dataclass(frozen=True, slots=True)
class BacktestDraft:
    """`status` and `results`: a run executed elsewhere is recorded in the state it reached."""

    name: str
    symbol: str
    start_date: date
    end_date: date
    initial_capital: Number
    strategy: str | None = None
    strategy_id: UUID | None = None
    timeframe: str = DEFAULT_TIMEFRAME
    parameters: dict[str, Any] | None = None
    status: BacktestStatus = BacktestStatus.PENDING
    results: dict[str, Any] | None = None
    execution: dict[str, Any] | None = None

    def checked(self, template: Strategy | None) -> tuple[str, BacktestDefinition]:
        """The name and the definition; a template fills in the strategy name and default
        parameters (the draft's parameters go over them). A draft cannot start queued."""
        strategy = self.strategy
        parameters: dict[str, Any] = {}
        if template is not None:
            strategy = strategy or template.name
            parameters.update(template.parameters)
        if strategy is None:
            raise RuleViolated("strategy is required unless strategy_id is given", "strategy")
        if self.status is BacktestStatus.QUEUED:
            raise RuleViolated("a backtest is queued by POST .../run, not created so", "status")
        capital = positive(self.initial_capital, "initial_capital")
        execution = dict(self.execution or {})
        execution_settings(execution, float(capital))
        parameters.update(self.parameters or {})
        name = trimmed_name(self.name)
        definition = BacktestDefinition(
            strategy=trimmed_name(strategy, "strategy"),
            symbol=Symbol(self.symbol),
            period=DateRange(self.start_date, self.end_date),
            initial_capital=capital,
            timeframe=Timeframe.parse(self.timeframe),
            parameters=parameters,
            strategy_id=self.strategy_id,
            execution=execution,
        )
        return name, definition
