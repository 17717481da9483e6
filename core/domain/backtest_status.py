"""Where a backtest stands, and which status may follow which."""

from __future__ import annotations

from enum import StrEnum

from core.domain.errors import Conflict


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
EDITABLE = frozenset({BacktestStatus.PENDING, BacktestStatus.FAILED, BacktestStatus.CANCELLED})
# A run on the server is waiting for a worker or under way.
ACTIVE = frozenset({BacktestStatus.QUEUED, BacktestStatus.RUNNING})


def check_transition(current: BacktestStatus, target: BacktestStatus) -> None:
    """Refuses a status change the lifecycle does not allow."""
    if target not in _TRANSITIONS[current]:
        raise Conflict(f"a backtest cannot go from {current.value} to {target.value}")
