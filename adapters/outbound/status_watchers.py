"""StatusWatchers: who waits for which backtest, woken by id or all at once.

Shared by both StatusChanges adapters (Postgres notices and the in-memory twin), so a
watch behaves the same whatever wakes it.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Iterable
from uuid import UUID


class EventWatch:
    """A StatusWatch over one event, set when its backtest may have changed."""

    def __init__(self, woken: asyncio.Event) -> None:
        self._woken = woken

    # A wait that times out is an answer (False), not an error: no asyncio.timeout outside.
    async def wait(self, timeout: float) -> bool:  # noqa: ASYNC109
        if self._woken.is_set():
            return True
        try:
            async with asyncio.timeout(max(timeout, 0.0)):
                await self._woken.wait()
        except TimeoutError:
            return False
        return True


class StatusWatchers:
    """Events of the watches open now, by backtest id."""

    def __init__(self) -> None:
        self._events: dict[UUID, set[asyncio.Event]] = {}

    @contextlib.asynccontextmanager
    async def watching(self, backtest_id: UUID) -> AsyncIterator[EventWatch]:
        """Registered on entry, forgotten on exit."""
        woken = asyncio.Event()
        self._events.setdefault(backtest_id, set()).add(woken)
        try:
            yield EventWatch(woken)
        finally:
            waiting = self._events.get(backtest_id, set())
            waiting.discard(woken)
            if not waiting:
                self._events.pop(backtest_id, None)

    def wake(self, backtest_ids: Iterable[UUID]) -> None:
        for backtest_id in backtest_ids:
            for woken in self._events.get(backtest_id, ()):
                woken.set()

    def wake_all(self) -> None:
        self.wake(list(self._events))
