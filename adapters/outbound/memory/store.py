"""The state the in-memory repositories share, swapped whole on commit, and the run queue."""

from __future__ import annotations

import asyncio
import copy
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from uuid import UUID

from core.domain.backtest import Backtest
from core.domain.backtest_result import BacktestResult
from core.domain.run_job import RunJob
from core.domain.strategy import Strategy
from core.domain.trade import Trade
from core.domain.users import UserProfile


@dataclass
class Tables:
    backtests: dict[UUID, Backtest] = field(default_factory=dict)
    trades: dict[UUID, Trade] = field(default_factory=dict)
    strategies: dict[UUID, Strategy] = field(default_factory=dict)
    users: dict[UUID, UserProfile] = field(default_factory=dict)
    # Keyed by backtest id. Rows are replaced, never changed in place, and their series are
    # large (a year of bars): snapshots share them instead of copying.
    results: dict[UUID, BacktestResult] = field(default_factory=dict)

    def snapshot(self) -> Tables:
        copied = copy.deepcopy(replace(self, results={}))
        copied.results = dict(self.results)
        return copied


class InMemoryStore:
    """Committed tables, and a lock that lets one unit of work in at a time, like SERIALIZABLE.

    A unit of work holds the lock from entry to exit: it works on a snapshot and publishes it
    whole, so two interleaved ones would otherwise lose each other's writes.

    `waiting` counts the units of work waiting for it. `jobs` are the committed runs that no
    worker has taken yet, oldest first; `next_job` takes one. Listeners given to
    `on_status_change` hear of each commit that changed backtests' statuses or deleted them.
    """

    def __init__(self) -> None:
        self.tables = Tables()
        self.jobs: list[RunJob] = []
        self._job_arrived = asyncio.Event()
        self._lock = asyncio.Lock()
        self._holder: asyncio.Task[object] | None = None
        self.waiting = 0
        self._status_listeners: list[Callable[[list[UUID]], None]] = []

    async def begin(self) -> Tables:
        """Waits for the lock and returns a private snapshot of the committed tables."""
        task = asyncio.current_task()
        if task is not None and task is self._holder:
            raise RuntimeError("a unit of work is already open in this task; nesting would hang")
        self.waiting += 1
        try:
            await self._lock.acquire()
        finally:
            self.waiting -= 1
        self._holder = task
        return self.tables.snapshot()

    def publish(self, tables: Tables, jobs: Iterable[RunJob] = ()) -> None:
        changed = _status_changes(self.tables, tables)
        self.tables = tables
        self.jobs.extend(jobs)
        if self.jobs:
            self._job_arrived.set()
        if changed:
            for listener in self._status_listeners:
                listener(changed)

    def on_status_change(self, listener: Callable[[list[UUID]], None]) -> None:
        """`listener` gets the ids of the backtests each later commit moved or deleted."""
        self._status_listeners.append(listener)

    def end(self) -> None:
        self._holder = None
        self._lock.release()

    async def next_job(self) -> RunJob:
        """Takes the oldest committed job, waiting until there is one (an in-memory worker)."""
        while not self.jobs:
            self._job_arrived.clear()
            await self._job_arrived.wait()
        return self.jobs.pop(0)


def _status_changes(before: Tables, after: Tables) -> list[UUID]:
    """The backtests whose status differs, or that are gone (what the trigger of migration
    0007 notices in PostgreSQL)."""
    return [
        backtest_id
        for backtest_id, old in before.backtests.items()
        if (new := after.backtests.get(backtest_id)) is None or new.status is not old.status
    ]
