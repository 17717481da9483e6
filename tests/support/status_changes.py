"""StatusChanges for tests: one that tells when someone waits, and one that hears nothing."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from typing import Any
from uuid import UUID

from core.ports.status_changes import StatusChanges, StatusWatch


class Observed:
    """Another StatusChanges, whose `waiting` is set once a watcher calls wait: from then on
    a committed change must wake it (its watch was entered before its read)."""

    def __init__(self, inner: StatusChanges) -> None:
        self._inner = inner
        self.waiting = asyncio.Event()

    @contextlib.asynccontextmanager
    async def watch(self, backtest_id: UUID) -> AsyncIterator[StatusWatch]:
        async with self._inner.watch(backtest_id) as watch:
            yield _Told(watch, self.waiting)


class _Told:
    def __init__(self, watch: StatusWatch, waiting: asyncio.Event) -> None:
        self._watch = watch
        self._waiting = waiting

    async def wait(self, timeout: float) -> bool:  # noqa: ASYNC109 - the port's signature
        self._waiting.set()
        return await self._watch.wait(timeout)


class Deaf:
    """Hears no change, as a listener whose connection was dropped without a word."""

    def __init__(self) -> None:
        self.waiting = asyncio.Event()

    @contextlib.asynccontextmanager
    async def watch(self, backtest_id: UUID) -> AsyncIterator[StatusWatch]:
        yield self

    async def wait(self, timeout: float) -> bool:  # noqa: ASYNC109 - the port's signature
        self.waiting.set()
        await asyncio.sleep(timeout)
        return False


async def until_waiting(waiting: asyncio.Event, request: asyncio.Future[Any]) -> None:
    """Returns once a watcher waits; fails if `request` ends first (it never waited)."""
    waited = asyncio.ensure_future(waiting.wait())
    done, _ = await asyncio.wait({waited, request}, return_when=asyncio.FIRST_COMPLETED)
    waited.cancel()
    assert waited in done, f"the request ended without waiting: {request.result()!r}"
