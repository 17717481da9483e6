"""RunQueue: a job exists for workers once, and only once, its unit of work commits."""

from __future__ import annotations

import asyncio
import uuid
from datetime import timedelta

import asyncpg
import pytest
from pgqueuer.adapters.drivers.asyncpg import AsyncpgDriver
from pgqueuer.adapters.persistence.queries import Queries
from pgqueuer.domain.types import QueueEntrypoint, QueueManagerId
from pgqueuer.ports.repository import EntrypointExecutionParameter

from adapters.outbound.memory.store import InMemoryStore
from adapters.outbound.memory.unit_of_work import InMemoryUnitOfWork
from adapters.outbound.postgres.pool import create_pool
from adapters.outbound.postgres.run_queue import RUN_BACKTEST
from adapters.outbound.postgres.unit_of_work import PostgresUnitOfWork
from core.domain.run_job import RunJob
from tests.contract.conftest import Storage
from tests.support.builders import T0, a_backtest


def a_job() -> RunJob:
    return RunJob(uuid.uuid4(), uuid.uuid4(), uuid.uuid4())


async def test_a_committed_unit_of_work_leaves_exactly_its_jobs_in_order(uow: Storage) -> None:
    first, second = a_job(), a_job()

    async with uow() as tx:
        await tx.jobs.enqueue(first)
        await tx.jobs.enqueue(second)
        await tx.commit()

    assert await uow.queued() == [first, second]


async def test_a_job_enqueued_with_a_backtest_change_commits_with_it(uow: Storage) -> None:
    backtest, run_id = a_backtest(), uuid.uuid4()
    async with uow() as tx:
        await tx.backtests.add(backtest)
        await tx.commit()

    async with uow() as tx:
        backtest.queue_run(run_id, T0)
        await tx.backtests.update(backtest)
        await tx.jobs.enqueue(RunJob(backtest.owner_id, backtest.id, run_id))
        await tx.commit()

    assert await uow.queued() == [RunJob(backtest.owner_id, backtest.id, run_id)]


async def test_enqueuing_in_a_rolled_back_unit_of_work_leaves_nothing(uow: Storage) -> None:
    with pytest.raises(RuntimeError, match="queueing failed"):
        async with uow() as tx:
            await tx.jobs.enqueue(a_job())
            raise RuntimeError("queueing failed after the job")
    async with uow() as tx:
        await tx.jobs.enqueue(a_job())

    assert await uow.queued() == []


async def test_a_finished_unit_of_work_refuses_to_enqueue(uow: Storage) -> None:
    async with uow() as tx:
        await tx.commit()

    with pytest.raises(RuntimeError, match="finished"):
        await tx.jobs.enqueue(a_job())


async def test_an_in_memory_worker_waits_for_a_commit_and_takes_each_job_once() -> None:
    store = InMemoryStore()
    first, second = a_job(), a_job()
    worker = asyncio.create_task(store.next_job())

    async with InMemoryUnitOfWork(store) as tx:
        await tx.jobs.enqueue(first)
        await asyncio.sleep(0)
        assert not worker.done()
        await tx.jobs.enqueue(second)
        await tx.commit()

    assert await worker == first
    assert await store.next_job() == second
    assert store.jobs == []


async def test_a_pgqueuer_worker_picks_the_job_up(database_url: str) -> None:
    job = a_job()
    pool = await create_pool(database_url, 1, 1)
    try:
        async with PostgresUnitOfWork(pool) as tx:
            await tx.jobs.enqueue(job)
            await tx.commit()
    finally:
        await pool.close()
    # A worker's own connection: pgqueuer's driver on asyncpg's default codecs.
    connection = await asyncpg.connect(database_url)
    try:
        picked = await Queries(AsyncpgDriver(connection)).dequeue(
            batch_size=10,
            entrypoints={
                QueueEntrypoint(RUN_BACKTEST): EntrypointExecutionParameter(concurrency_limit=0)
            },
            queue_manager_id=QueueManagerId(uuid.uuid4()),
            global_concurrency_limit=None,
            heartbeat_timeout=timedelta(seconds=30),
        )
    finally:
        await connection.close()

    mine = [j for j in picked if j.payload is not None and RunJob.decode(j.payload) == job]
    assert len(mine) == 1
    assert mine[0].headers in (None, {})


async def test_the_migrated_queue_is_the_schema_the_installed_pgqueuer_expects(
    database_url: str,
) -> None:
    connection = await asyncpg.connect(database_url)
    try:
        plan = await Queries(AsyncpgDriver(connection)).plan_upgrade()
    finally:
        await connection.close()

    assert plan.statements == ()
