"""The state the in-memory repositories share, swapped whole on commit."""

from __future__ import annotations

import asyncio
import copy
from dataclasses import dataclass, field
from uuid import UUID

from core.domain.backtest import Backtest
from core.domain.strategy import Strategy
from core.domain.trade import Trade
from core.domain.users import UserProfile


@dataclass
class Tables:
    backtests: dict[UUID, Backtest] = field(default_factory=dict)
    trades: dict[UUID, Trade] = field(default_factory=dict)
    strategies: dict[UUID, Strategy] = field(default_factory=dict)
    users: dict[UUID, UserProfile] = field(default_factory=dict)

    def snapshot(self) -> Tables:
        return copy.deepcopy(self)


class InMemoryStore:
    """Committed tables, and a lock that lets one unit of work in at a time, like SERIALIZABLE.

    A unit of work holds the lock from entry to exit: it works on a snapshot and publishes it
    whole, so two interleaved ones would otherwise lose each other's writes.
    """

    def __init__(self) -> None:
        self.tables = Tables()
        self._lock = asyncio.Lock()
        self._holder: asyncio.Task[object] | None = None

    async def begin(self) -> Tables:
        """Waits for the lock and returns a private snapshot of the committed tables."""
        task = asyncio.current_task()
        if task is not None and task is self._holder:
            raise RuntimeError("a unit of work is already open in this task; nesting would hang")
        await self._lock.acquire()
        self._holder = task
        return self.tables.snapshot()

    def publish(self, tables: Tables) -> None:
        self.tables = tables

    def end(self) -> None:
        self._holder = None
        self._lock.release()
