"""RunJobs: what every worker does with a job, whichever queue it came from."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from core.domain.run_job import RunJob

Execute = Callable[[RunJob], Awaitable[None]]


class RunJobs:
    """At most `concurrency` runs at once in this process; each gets a fresh use case."""

    def __init__(self, execute: Callable[[], Execute], concurrency: int) -> None:
        self._execute = execute
        self._slots = asyncio.Semaphore(max(1, concurrency))

    async def __call__(self, job: RunJob) -> None:
        async with self._slots:
            await self._execute()(job)
