"""The Backtest aggregate: a strategy run over one symbol, period and capital."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any
from uuid import UUID

from core.domain.backtest_definition import BacktestDefinition
from core.domain.backtest_draft import BacktestDraft
from core.domain.backtest_status import ACTIVE, EDITABLE, BacktestStatus, check_transition
from core.domain.errors import Conflict
from core.domain.run_state import RunState
from core.domain.strategy import Strategy
from core.domain.text import trimmed_name

__all__ = ["Backtest", "BacktestDefinition", "BacktestDraft", "BacktestStatus", "RunState"]


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

    def __post_init__(self) -> None:
        self.name = trimmed_name(self.name)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Backtest) and other.id == self.id

    def __hash__(self) -> int:
        return hash(self.id)

    @classmethod
    def create(
        cls,
        id: UUID,
        owner_id: UUID,
        draft: BacktestDraft,
        template: Strategy | None,
        now: datetime,
    ) -> Backtest:
        """A new backtest, from the template its draft names (if any), in the draft's status."""
        name, definition = draft.checked(template)
        backtest = cls(id, owner_id, name, definition, now, now, draft.status)
        if draft.results is not None:
            backtest.record_results(draft.results, now)
        return backtest

    def rename(self, name: str, now: datetime) -> None:
        self.name = trimmed_name(name)
        self.updated_at = now

    def redefine(self, definition: BacktestDefinition, now: datetime) -> None:
        if definition == self.definition:
            return
        self._refuse_edits_while_the_server_runs_it()
        if self.status not in EDITABLE:
            raise Conflict(
                f"a {self.status.value} backtest cannot change what it tests; "
                "create a new backtest or queue this one again first"
            )
        self.definition = definition
        self.updated_at = now

    def with_definition(self, **changes: Any) -> BacktestDefinition:
        return replace(self.definition, **changes)

    def record_results(self, results: dict[str, Any], now: datetime) -> None:
        if self.status in (BacktestStatus.PENDING, BacktestStatus.CANCELLED):
            raise Conflict(f"a {self.status.value} backtest has no results to record")
        self.results = results
        self.updated_at = now

    # A run the client reports: pending -> running -> completed | failed, cancelled while
    # pending or running, and a finished backtest requeued (pending again) to run once more.

    def start(self, now: datetime) -> None:
        self._move(BacktestStatus.RUNNING, now)

    def complete(self, now: datetime) -> None:
        self._move(BacktestStatus.COMPLETED, now)

    def fail(self, now: datetime) -> None:
        self._move(BacktestStatus.FAILED, now)

    def cancel(self, now: datetime) -> None:
        self._move(BacktestStatus.CANCELLED, now)

    def requeue(self, now: datetime) -> None:
        """Pending again, to be run once more: the old results (and server run) are dropped."""
        self._move(BacktestStatus.PENDING, now)

    def _move(self, status: BacktestStatus, now: datetime) -> None:
        if status is self.status:
            return
        self._refuse_edits_while_the_server_runs_it()
        check_transition(self.status, status)
        self.status = status
        if status is BacktestStatus.PENDING:
            self.results = None
            self.run = None
        self.updated_at = now

    # Runs on the server: pending or finished -> queued -> running -> completed | failed |
    # cancelled. `run.run_id` names the attempt a job carries, so a job for an older run
    # (or one already finished by another worker) changes nothing.

    @property
    def is_active(self) -> bool:
        """Queued or running: its status is yet to change, by a worker or a client."""
        return self.status in ACTIVE

    @property
    def runs_on_the_server(self) -> bool:
        return self.run is not None and self.is_active

    def queue_run(self, run_id: UUID, now: datetime) -> None:
        """Queues a run; a finished backtest drops its old results first."""
        if self.status in ACTIVE:
            raise Conflict(f"this backtest is already {self.status.value}; cancel it first")
        self.status = BacktestStatus.QUEUED
        self.results = None
        self.run = RunState(run_id)
        self.updated_at = now

    def start_run(self, run_id: UUID, now: datetime) -> bool:
        """True when this job should run: queued, or running already (its worker died)."""
        if not self._is_current(run_id) or self.status not in ACTIVE:
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
        if not self._is_current(run_id) or self.status not in ACTIVE:
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
            self.cancel(now)  # recorded by a client, not run here
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
