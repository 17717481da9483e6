"""PgQueuerRunQueue: queued runs as pgqueuer jobs, inserted in the unit of work's transaction.

A job enqueued by a unit of work that rolls back never existed; one that commits is seen by
workers (pgqueuer's notify trigger fires at commit) exactly once.
"""

from __future__ import annotations

import asyncpg
from pgqueuer.adapters.drivers.asyncpg import AsyncpgDriver
from pgqueuer.adapters.persistence.queries import Queries

from core.domain.run_job import RunJob

# The entrypoint a worker registers to receive these jobs; the payload is RunJob.encode().
RUN_BACKTEST = "run_backtest"


class PgQueuerRunQueue:
    def __init__(self, connection: asyncpg.Connection) -> None:
        self._queries = Queries(AsyncpgDriver(connection))

    async def enqueue(self, job: RunJob) -> None:
        await self._queries.enqueue(RUN_BACKTEST, job.encode())
