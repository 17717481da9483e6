"""The pool gives connections back without asyncpg's reset query: nothing a unit of work
does may outlive its transaction (pool.py). These pin that on a one-connection pool."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import asyncpg
import pytest

from adapters.outbound.postgres.pool import create_pool
from adapters.outbound.postgres.unit_of_work import PostgresUnitOfWork
from core.domain.errors import Conflict
from tests.support.builders import a_backtest


@pytest.fixture
async def one_connection(database_url: str) -> AsyncIterator[asyncpg.Pool]:
    pool = await create_pool(database_url, 1, 1)
    try:
        yield pool
    finally:
        await pool.close()


async def session_state(pool: asyncpg.Pool) -> tuple[int, bool]:
    async with pool.acquire() as connection:
        locks = await connection.fetchval(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()"
        )
        return locks, connection.is_in_transaction()


async def test_a_committed_unit_of_work_leaves_no_lock_on_its_connection(
    one_connection: asyncpg.Pool,
) -> None:
    async with PostgresUnitOfWork(one_connection) as tx:
        await tx.users.lock(uuid.uuid4())
        await tx.backtests.add(a_backtest())
        await tx.commit()

    assert await session_state(one_connection) == (0, False)


async def test_a_failed_unit_of_work_leaves_no_lock_or_transaction_on_its_connection(
    one_connection: asyncpg.Pool,
) -> None:
    with pytest.raises(ValueError, match="boom"):
        async with PostgresUnitOfWork(one_connection) as tx:
            await tx.users.lock(uuid.uuid4())
            raise ValueError("boom")

    assert await session_state(one_connection) == (0, False)


async def test_a_unit_of_work_after_a_refused_statement_starts_clean(
    one_connection: asyncpg.Pool,
) -> None:
    twice = a_backtest()
    with pytest.raises(Conflict):
        async with PostgresUnitOfWork(one_connection) as tx:
            await tx.users.lock(uuid.uuid4())
            await tx.backtests.add(twice)
            await tx.backtests.add(twice)  # the server refuses it: the transaction is aborted

    backtest = a_backtest()
    async with PostgresUnitOfWork(one_connection) as tx:
        await tx.backtests.add(backtest)
        await tx.commit()
    assert await session_state(one_connection) == (0, False)
    async with PostgresUnitOfWork(one_connection) as tx:
        assert await tx.backtests.get(backtest.owner_id, backtest.id) is not None
