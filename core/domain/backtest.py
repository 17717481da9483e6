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
    QUEUED = "queued"
    RUNNING = "running"
    COMPLETED = "completed"
    FAILED = "failed"
    CANCELLED = "cancelled"


_TRANSITIONS: dict[BacktestStatus, frozenset[BacktestStatus]] = {
    BacktestStatus.PENDING: frozenset({BacktestStatus.RUNNING, BacktestStatus.CANCELLED}),
    # Queued only by asking the server to run it (Backtest.queue_run), never by a status edit.
    BacktestStatus.QUEUED: frozenset(),
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
    # How the server runs it: costs, sizing, shorts, stops (core.domain.engine.execution).
    execution: dict[str, Any] = field(default_factory=dict)


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
    run: RunState | None = None

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
        self._refuse_edits_while_the_server_runs_it()
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
        self._refuse_edits_while_the_server_runs_it()
        if status not in _TRANSITIONS[self.status]:
            raise Conflict(f"a backtest cannot go from {self.status.value} to {status.value}")
        self.status = status
        if status is BacktestStatus.PENDING:
            self.results = None
            self.run = None
        self.updated_at = now

    def record_results(self, results: dict[str, Any], now: datetime) -> None:
        if self.status in (BacktestStatus.PENDING, BacktestStatus.CANCELLED):
            raise Conflict(f"a {self.status.value} backtest has no results to record")
        self.results = results
        self.updated_at = now

    def with_definition(self, **changes: Any) -> BacktestDefinition:
        return replace(self.definition, **changes)

    # Runs on the server: pending or finished -> queued -> running -> completed | failed |
    # cancelled. `run.run_id` names the attempt a job carries, so a job for an older run
    # (or one already finished by another worker) changes nothing.

    @property
    def runs_on_the_server(self) -> bool:
        return self.run is not None and self.status in _ACTIVE

    def queue_run(self, run_id: UUID, now: datetime) -> None:
        """Queues a run; a finished backtest drops its old results first."""
        if self.status in _ACTIVE:
            raise Conflict(f"this backtest is already {self.status.value}; cancel it first")
        self.status = BacktestStatus.QUEUED
        self.results = None
        self.run = RunState(run_id)
        self.updated_at = now

    def start_run(self, run_id: UUID, now: datetime) -> bool:
        """True when this job should run: queued, or running already (its worker died)."""
        if not self._is_current(run_id) or self.status not in _ACTIVE:
            return False
        assert self.run is not None
        if self.run.cancel_requested:
            self._finish(BacktestStatus.CANCELLED, now)
            return False
        self.status = BacktestStatus.RUNNING
        self.run = replace(self.run, progress=0.0, attempts=self.run.attempts + 1)
        self.updated_at = now
        return True

    def report_progress(self, run_id: UUID, progress: float, now: datetime) -> bool:
        """Records progress; False when the run should stop (cancelled, or superseded)."""
        if not self._is_current(run_id) or self.status is not BacktestStatus.RUNNING:
            return False
        assert self.run is not None
        if self.run.cancel_requested:
            self._finish(BacktestStatus.CANCELLED, now)
            return False
        self.run = replace(self.run, progress=max(0.0, min(1.0, progress)))
        self.updated_at = now
        return True

    def complete_run(self, run_id: UUID, summary: dict[str, Any], now: datetime) -> bool:
        """Completes the run once; False (and nothing changes) for a stale or stopped job."""
        if not self.report_progress(run_id, 1.0, now):
            return False
        self.results = summary
        self._finish(BacktestStatus.COMPLETED, now)
        return True

    def fail_run(self, run_id: UUID, error: str, now: datetime) -> bool:
        if not self._is_current(run_id) or self.status not in _ACTIVE:
            return False
        assert self.run is not None
        self.run = replace(self.run, error=error)
        self._finish(BacktestStatus.FAILED, now)
        return True

    def cancel_run(self, now: datetime) -> None:
        """A queued run stops at once; a running one at its worker's next check."""
        if self.status is BacktestStatus.QUEUED:
            self._finish(BacktestStatus.CANCELLED, now)
        elif self.status is BacktestStatus.RUNNING and self.run is not None:
            self.run = replace(self.run, cancel_requested=True)
            self.updated_at = now
        elif self.status is BacktestStatus.RUNNING:
            self.move_to(BacktestStatus.CANCELLED, now)  # recorded by a client, not run here
        else:
            raise Conflict(f"a {self.status.value} backtest has no run to cancel")

    def _is_current(self, run_id: UUID) -> bool:
        return self.run is not None and self.run.run_id == run_id

    def _finish(self, status: BacktestStatus, now: datetime) -> None:
        self.status = status
        self.updated_at = now

    def _refuse_edits_while_the_server_runs_it(self) -> None:
        if self.runs_on_the_server:
            raise Conflict(
                f"this backtest is {self.status.value} on the server; "
                "cancel the run before changing it"
            )


_ACTIVE = frozenset({BacktestStatus.QUEUED, BacktestStatus.RUNNING})


@dataclass(frozen=True, slots=True)
class RunState:
    """The server's run of a backtest: which attempt, how far, why it failed."""

    run_id: UUID
    progress: float = 0.0
    error: str | None = None
    cancel_requested: bool = False
    attempts: int = 0
