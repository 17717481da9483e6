"""StatusChanges: tells a waiter that a backtest's status may have changed."""

from __future__ import annotations

from contextlib import AbstractAsyncContextManager
from typing import Protocol
from uuid import UUID


class StatusWatch(Protocol):
    """One watcher of one backtest, from the moment its watch began."""

    # A wait that times out is an answer (False), not an error: no asyncio.timeout outside.
    async def wait(self, timeout: float) -> bool:  # noqa: ASYNC109
        """True once the backtest's status may have changed (or it was deleted) since the
        watch began, at once if it already has; False when `timeout` seconds pass first."""
        ...


class StatusChanges(Protocol):
    """Hears of status changes committed by anyone: this process, another replica, a worker.

    Enter the watch before reading the backtest: a change committed between the read and
    the wait is then never missed. A wake-up may be spurious (read again to know).
    """

    def watch(self, backtest_id: UUID) -> AbstractAsyncContextManager[StatusWatch]: ...
