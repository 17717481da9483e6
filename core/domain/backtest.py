"""The Backtest aggregate: a strategy run over one symbol, period and capital."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any
from uuid import UUID

from core.domain.errors import Conflict
from core.domain.timeframe import Timeframe
from core.domain.values import DateRange, Symbol


class BacktestStatus(StrEnum):
    PENDING = "pending"
    RUNNING = "running"
    COMPLETED = "completed"
    FAILED = "failed"
    CANCELLED = "cancelled"


_TRANSITIONS: dict[BacktestStatus, frozenset[BacktestStatus]] = {
    BacktestStatus.PENDING: frozenset({BacktestStatus.RUNNING, BacktestStatus.CANCELLED}),
    BacktestStatus.RUNNING: frozenset(
        {BacktestStatus.COMPLETED, BacktestStatus.FAILED, BacktestStatus.CANCELLED}
    ),
    # A finished backtest can be queued again; its old results are dropped then.
    BacktestStatus.COMPLETED: frozenset({BacktestStatus.PENDING}),
    BacktestStatus.FAILED: frozenset({BacktestStatus.PENDING}),
    BacktestStatus.CANCELLED: frozenset({BacktestStatus.PENDING}),
}
# The definition (what is tested) may change only where no results describe it.
_EDITABLE = frozenset({BacktestStatus.PENDING, BacktestStatus.FAILED, BacktestStatus.CANCELLED})


@dataclass(frozen=True, slots=True)
class BacktestDefinition:
    """What a backtest tests: the fields that its results depend on."""

    strategy: str
    symbol: Symbol
    period: DateRange
    initial_capital: Decimal
    timeframe: Timeframe
    parameters: dict[str, Any] = field(default_factory=dict)
    strategy_id: UUID | None = None


@dataclass(slots=True, eq=False)
class Backtest:
    id: UUID
    owner_id: UUID
    name: str
    definition: BacktestDefinition
    created_at: datetime
    updated_at: datetime
    status: BacktestStatus = BacktestStatus.PENDING
    results: dict[str, Any] | None = None

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Backtest) and other.id == self.id

    def __hash__(self) -> int:
        return hash(self.id)

    def rename(self, name: str, now: datetime) -> None:
        self.name = name
        self.updated_at = now

    def redefine(self, definition: BacktestDefinition, now: datetime) -> None:
        if definition == self.definition:
            return
        if self.status not in _EDITABLE:
            raise Conflict(
                f"a {self.status.value} backtest cannot change what it tests; "
                "create a new backtest or queue this one again first"
            )
        self.definition = definition
        self.updated_at = now

    def move_to(self, status: BacktestStatus, now: datetime) -> None:
        """Changes status along the allowed transitions; re-queuing drops old results."""
        if status is self.status:
            return
        if status not in _TRANSITIONS[self.status]:
            raise Conflict(f"a backtest cannot go from {self.status.value} to {status.value}")
        self.status = status
        if status is BacktestStatus.PENDING:
            self.results = None
        self.updated_at = now

    def record_results(self, results: dict[str, Any], now: datetime) -> None:
        if self.status in (BacktestStatus.PENDING, BacktestStatus.CANCELLED):
            raise Conflict(f"a {self.status.value} backtest has no results to record")
        self.results = results
        self.updated_at = now

    def with_definition(self, **changes: Any) -> BacktestDefinition:
        return replace(self.definition, **changes)
