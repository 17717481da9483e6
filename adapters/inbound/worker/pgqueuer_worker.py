"""PgQueuerWorker: takes queued runs from pgqueuer (LISTEN/NOTIFY, heartbeats, re-picks).

A job whose worker died stops sending heartbeats; after `heartbeat_seconds` another worker
(or this one, restarted) picks it again, and ExecuteRun makes the second attempt complete
the run once. A failure of the database itself is retried with backoff by pgqueuer.
"""

from __future__ import annotations

import logging
from datetime import timedelta

import asyncpg
from pgqueuer.adapters.drivers.asyncpg import AsyncpgDriver
from pgqueuer.adapters.persistence.queries import Queries
from pgqueuer.core.executors import DatabaseRetryEntrypointExecutor, EntrypointExecutorParameters
from pgqueuer.core.qm import QueueManager
from pgqueuer.domain.models import Job

from adapters.inbound.worker.runner import RunJobs
from adapters.outbound.postgres.run_queue import RUN_BACKTEST
from core.domain.run_job import RunJob

log = logging.getLogger("backtest.worker")


class PgQueuerWorker:
    def __init__(self, dsn: str, run: RunJobs, concurrency: int, heartbeat_seconds: int) -> None:
        self._dsn = dsn
        self._run = run
        self._concurrency = max(1, concurrency)
        self._heartbeat = timedelta(seconds=heartbeat_seconds)
        self._manager: QueueManager | None = None
        self._stopped = False

    async def run(self) -> None:
        """Works until `stop()` (even one called before this started); pgqueuer listens on its
        own connection."""
        if self._stopped:
            return
        connection = await asyncpg.connect(self._dsn)
        try:
            manager = QueueManager(Queries(AsyncpgDriver(connection)))
            manager.register_executor(
                RUN_BACKTEST,
                DatabaseRetryEntrypointExecutor(
                    EntrypointExecutorParameters(
                        func=self._handle,
                        concurrency_limit=0,
                        accepts_context=False,
                        on_failure="delete",
                    )
                ),
            )
            self._manager = manager
            if self._stopped:  # stop() came while connecting
                return
            log.info("worker listening for runs (%d at a time)", self._concurrency)
            await manager.run(
                # A stalled job sends no notification: look for it as often as it can stall.
                dequeue_timeout=self._heartbeat,
                batch_size=1,
                # pgqueuer asks for at least twice the batch; RunJobs keeps the real bound.
                max_concurrent_tasks=max(2, self._concurrency),
                heartbeat_timeout=self._heartbeat,
            )
        finally:
            self._manager = None
            await connection.close()

    def stop(self) -> None:
        self._stopped = True
        if self._manager is not None:
            self._manager.shutdown.set()

    async def _handle(self, job: Job) -> None:
        if job.payload is None:
            log.warning("run job %s has no payload; dropped", job.id)
            return
        await self._run(RunJob.decode(job.payload))
