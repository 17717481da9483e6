"""A per-process limit on heavy market-data work, and a deadline on each storage read.

Reading and encoding candles is what costs memory and CPU: a burst of large requests could
exhaust the process while every other endpoint waits. At most `slots` requests do that work
at once; up to `waiting` more queue for at most `wait_seconds`; the rest, and those that wait
too long, answer 503 with Retry-After at once. A storage read that outlives `deadline_seconds`
answers 503 the same way (a hung S3 must not hold the request for minutes).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable
from contextlib import asynccontextmanager
from typing import TypeVar

from aiohttp import web

T = TypeVar("T")
log = logging.getLogger("backtest.market_data")


class MarketDataGate:
    """Counts what it refused, so tests and operators can tell a refusal from a failure."""

    def __init__(
        self,
        slots: int = 4,
        waiting: int = 16,
        wait_seconds: float = 5.0,
        deadline_seconds: float = 30.0,
        retry_after_seconds: int = 5,
    ) -> None:
        if slots < 1 or waiting < 0:
            raise ValueError("a gate needs at least one slot and a non-negative queue")
        self._slots = asyncio.Semaphore(slots)
        self._max_waiting = waiting
        self._waiting = 0
        self._wait_seconds = wait_seconds
        self.deadline_seconds = deadline_seconds
        self.retry_after_seconds = retry_after_seconds
        self.refused = 0
        self.timed_out = 0

    @asynccontextmanager
    async def slot(self) -> AsyncIterator[None]:
        """Holds one slot for the body of the `async with`, or answers 503."""
        if self._slots.locked() and self._waiting >= self._max_waiting:
            self._refuse("the queue is full")
        self._waiting += 1
        try:
            async with asyncio.timeout(self._wait_seconds):
                await self._slots.acquire()
        except TimeoutError:
            self._refuse("no slot freed up in time")
        finally:
            self._waiting -= 1
        try:
            yield
        finally:
            self._slots.release()

    async def within_deadline(self, work: Awaitable[T]) -> T:
        """`work`, or 503 once the deadline passes (the work is cancelled)."""
        try:
            async with asyncio.timeout(self.deadline_seconds):
                return await work
        except TimeoutError:
            self.timed_out += 1
            log.warning(
                "market-data read passed its deadline",
                extra={"deadline_seconds": self.deadline_seconds},
            )
            raise self._unavailable(
                "market-data storage did not answer in time; try again shortly"
            ) from None

    def _refuse(self, why: str) -> None:
        self.refused += 1
        log.warning("market-data request refused: %s", why)
        raise self._unavailable("too many market-data requests at once; try again shortly")

    def _unavailable(self, detail: str) -> web.HTTPServiceUnavailable:
        return web.HTTPServiceUnavailable(
            text=detail, headers={"Retry-After": str(self.retry_after_seconds)}
        )
