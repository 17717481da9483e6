"""RunQueue: hands queued runs to workers, inside the unit of work that queued them."""

from __future__ import annotations

from typing import Protocol

from core.domain.run_job import RunJob


class RunQueue(Protocol):
    """Enqueued jobs become visible to workers only when the unit of work commits."""

    async def enqueue(self, job: RunJob) -> None: ...
