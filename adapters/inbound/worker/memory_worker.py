"""InMemoryWorker: takes the in-memory store's committed jobs, for tests and embedding."""

from __future__ import annotations

import asyncio

from adapters.inbound.worker.runner import RunJobs
from adapters.outbound.memory.store import InMemoryStore


class InMemoryWorker:
    def __init__(self, store: InMemoryStore, run: RunJobs) -> None:
        self._store = store
        self._run = run
        self._tasks: set[asyncio.Task[None]] = set()
        self._stopped = asyncio.Event()

    async def run(self) -> None:
        """Works until `stop()`, even one called before this started."""
        while not self._stopped.is_set():
            taking = asyncio.ensure_future(self._store.next_job())
            stopping = asyncio.ensure_future(self._stopped.wait())
            done, _ = await asyncio.wait({taking, stopping}, return_when=asyncio.FIRST_COMPLETED)
            if taking not in done:
                taking.cancel()
                stopping.cancel()
                break
            stopping.cancel()
            task = asyncio.create_task(self._run(taking.result()))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)
        for task in list(self._tasks):
            await task

    def stop(self) -> None:
        self._stopped.set()
