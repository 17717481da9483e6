"""What only PostgresStatusChanges does: hears commits of other sessions and processes, and
gets over a listening connection that is lost or silently dropped on the way."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator

import asyncpg
import psycopg
import pytest

from adapters.outbound.postgres.pool import create_pool
from adapters.outbound.postgres.status_changes import APPLICATION_NAME, PostgresStatusChanges
from adapters.outbound.postgres.unit_of_work import PostgresUnitOfWork
from core.domain.backtest import Backtest
from tests.contract.conftest import _conninfo
from tests.support.builders import T0, a_backtest
from tests.support.tcp_proxy import FreezableProxy

WAKE = 10.0
NOT_WOKEN = 0.2


@pytest.fixture
async def pool(database_url: str) -> AsyncIterator[asyncpg.Pool]:
    pool = await create_pool(database_url, 1, 2)
    try:
        yield pool
    finally:
        await pool.close()


@pytest.fixture
async def changes(database_url: str) -> AsyncIterator[PostgresStatusChanges]:
    changes = PostgresStatusChanges(database_url)
    try:
        yield changes
    finally:
        await changes.close()


async def a_queued_backtest(pool: asyncpg.Pool) -> Backtest:
    backtest = a_backtest()
    backtest.queue_run(uuid.uuid4(), T0)
    async with PostgresUnitOfWork(pool) as tx:
        await tx.backtests.add(backtest)
        await tx.commit()
    return backtest


async def set_status_elsewhere(database_url: str, backtest: Backtest, status: str) -> None:
    """A commit through a session and driver of its own, as a worker on another machine."""

    def update() -> None:
        with psycopg.connect(_conninfo(database_url), autocommit=True) as connection:
            connection.execute(
                "UPDATE backtests SET status = %s WHERE id = %s", (status, backtest.id)
            )

    await asyncio.to_thread(update)


async def test_a_change_committed_by_another_session_wakes_the_watcher(
    pool: asyncpg.Pool, changes: PostgresStatusChanges, database_url: str
) -> None:
    backtest = await a_queued_backtest(pool)

    async with changes.watch(backtest.id) as watch:
        await set_status_elsewhere(database_url, backtest, "running")
        woken = await watch.wait(WAKE)

    assert woken is True


async def test_every_process_listening_hears_one_change(
    pool: asyncpg.Pool, changes: PostgresStatusChanges, database_url: str
) -> None:
    backtest = await a_queued_backtest(pool)
    replica = PostgresStatusChanges(database_url)

    try:
        async with changes.watch(backtest.id) as here, replica.watch(backtest.id) as there:
            await set_status_elsewhere(database_url, backtest, "running")
            woken = (await here.wait(WAKE), await there.wait(WAKE))
    finally:
        await replica.close()

    assert woken == (True, True)


async def test_a_lost_connection_wakes_every_watcher_and_the_next_watch_listens_again(
    pool: asyncpg.Pool, changes: PostgresStatusChanges, database_url: str
) -> None:
    backtest = await a_queued_backtest(pool)
    other = await a_queued_backtest(pool)

    async with changes.watch(backtest.id) as first, changes.watch(other.id) as second:
        await pool.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE application_name = $1 AND datname = current_database()",
            APPLICATION_NAME,
        )
        woken = (await first.wait(WAKE), await second.wait(WAKE))
    async with changes.watch(backtest.id) as again:
        await set_status_elsewhere(database_url, backtest, "running")
        heard = await again.wait(WAKE)

    assert woken == (True, True)
    assert heard is True


async def test_a_silently_dropped_connection_is_noticed_and_replaced(
    pool: asyncpg.Pool, database_url: str
) -> None:
    backtest = await a_queued_backtest(pool)
    proxy = FreezableProxy(database_url)
    changes = PostgresStatusChanges(
        await proxy.start(), check_every=0, check_timeout=0.5, connect_timeout=1, retry_seconds=0
    )

    try:
        async with changes.watch(backtest.id) as before:
            proxy.freeze()
            # Its connection unused since the last check: asked, it does not answer.
            async with changes.watch(backtest.id):
                woken = await before.wait(WAKE)
        proxy.thaw()
        async with changes.watch(backtest.id) as after:
            await set_status_elsewhere(database_url, backtest, "running")
            heard = await after.wait(WAKE)
    finally:
        proxy.thaw()
        await changes.close()
        await proxy.close()

    assert woken is True
    assert heard is True


async def test_without_a_database_a_watch_only_times_out() -> None:
    changes = PostgresStatusChanges("postgresql://postgres@127.0.0.1:1/none", connect_timeout=1)

    async with changes.watch(uuid.uuid4()) as watch:
        woken = await watch.wait(NOT_WOKEN)
    await changes.close()

    assert woken is False
