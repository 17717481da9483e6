"""InMemoryRunQueue: jobs a unit of work enqueued, handed to the store when it commits."""

from __future__ import annotations

from core.domain.run_job import RunJob


class InMemoryRunQueue:
    def __init__(self) -> None:
        self.enqueued: list[RunJob] = []

    async def enqueue(self, job: RunJob) -> None:
        self.enqueued.append(job)
