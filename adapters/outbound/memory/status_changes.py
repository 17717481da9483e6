"""InMemoryStatusChanges: StatusChanges over an InMemoryStore's commits."""

from __future__ import annotations

from contextlib import AbstractAsyncContextManager
from uuid import UUID

from adapters.outbound.memory.store import InMemoryStore
from adapters.outbound.status_watchers import EventWatch, StatusWatchers


class InMemoryStatusChanges:
    """Woken by a committed unit of work on `store` that changed the backtest's status or
    deleted it; a rolled-back one publishes nothing, so it wakes no one."""

    def __init__(self, store: InMemoryStore) -> None:
        self._watchers = StatusWatchers()
        store.on_status_change(self._watchers.wake)

    def watch(self, backtest_id: UUID) -> AbstractAsyncContextManager[EventWatch]:
        return self._watchers.watching(backtest_id)
