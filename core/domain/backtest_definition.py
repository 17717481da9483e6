"""BacktestDefinition: what a backtest tests, the fields its results depend on."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from typing import Any
from uuid import UUID

from core.domain.amounts import Number, positive, require_positive
from core.domain.backtest_execution import execution_settings
from core.domain.changes import UNSET, Maybe
from core.domain.engine.execution import ExecutionSettings
from core.domain.text import trimmed_name
from core.domain.timeframe import Timeframe
from core.domain.values import DateRange, Symbol

DEFAULT_TIMEFRAME = "1d"


@dataclass(frozen=True, slots=True)
class BacktestDefinition:
    """The strategy (a trimmed name), symbol, period, capital (above zero) and timeframe."""

    strategy: str
    symbol: Symbol
    period: DateRange
    initial_capital: Decimal
    timeframe: Timeframe
    parameters: dict[str, Any] = field(default_factory=dict)
    strategy_id: UUID | None = None
    # How the server runs it: costs, sizing, shorts, stops (core.domain.engine.execution).
    execution: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "strategy", trimmed_name(self.strategy, "strategy"))
        require_positive(self.initial_capital, "initial_capital")

    def settings(self) -> ExecutionSettings:
        """The broker settings of a run: `execution`, with the capital as cash."""
        return execution_settings(self.execution, float(self.initial_capital))

    def revised(
        self,
        *,
        strategy: Maybe[str] = UNSET,
        strategy_id: Maybe[UUID | None] = UNSET,
        symbol: Maybe[str] = UNSET,
        start_date: Maybe[date] = UNSET,
        end_date: Maybe[date] = UNSET,
        initial_capital: Maybe[Number] = UNSET,
        timeframe: Maybe[str] = UNSET,
        parameters: Maybe[dict[str, Any]] = UNSET,
        execution: Maybe[dict[str, Any]] = UNSET,
    ) -> BacktestDefinition:
        """This definition with the fields given changed, each checked as a client wrote it;
        the settings it ends up with must still make a run."""
        changes: dict[str, Any] = {}
        if strategy is not UNSET:
            changes["strategy"] = trimmed_name(strategy, "strategy")
        if strategy_id is not UNSET:
            changes["strategy_id"] = strategy_id
        if symbol is not UNSET:
            changes["symbol"] = Symbol(symbol)
        if start_date is not UNSET or end_date is not UNSET:
            start = self.period.start if start_date is UNSET else start_date
            end = self.period.end if end_date is UNSET else end_date
            changes["period"] = DateRange(start, end)
        if initial_capital is not UNSET:
            changes["initial_capital"] = positive(initial_capital, "initial_capital")
        if timeframe is not UNSET:
            changes["timeframe"] = Timeframe.parse(timeframe)
        if parameters is not UNSET:
            changes["parameters"] = parameters
        if execution is not UNSET:
            changes["execution"] = dict(execution)
        definition = replace(self, **changes)
        definition.settings()
        return definition
