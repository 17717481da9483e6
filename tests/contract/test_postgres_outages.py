"""A database that is out of reach, or goes away mid-way, is Unavailable (503), never a 500."""

from __future__ import annotations

import asyncpg
import pytest

from adapters.outbound.postgres.pool import create_pool
from adapters.outbound.postgres.unit_of_work import PostgresUnitOfWork
from core.domain.errors import Unavailable
from tests.support.builders import a_backtest

CLOSED_PORT = "postgresql://postgres@127.0.0.1:1/none"


async def cut_open_transactions(database_url: str) -> None:
    """Terminates the backends that sit in a transaction: the unit of work's connection."""
    admin = await asyncpg.connect(database_url)
    try:
        await admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND state = 'idle in transaction'"
        )
    finally:
        await admin.close()


async def test_an_unreachable_database_makes_a_unit_of_work_unavailable() -> None:
    pool = await create_pool(CLOSED_PORT, 0, 1)
    try:
        with pytest.raises(Unavailable, match="unreachable"):
            async with PostgresUnitOfWork(pool):
                pass
    finally:
        await pool.close()


async def test_a_connection_lost_mid_way_is_unavailable(database_url: str) -> None:
    backtest = a_backtest()
    pool = await create_pool(database_url, 1, 1)
    try:
        with pytest.raises(Unavailable, match="unreachable"):
            async with PostgresUnitOfWork(pool) as tx:
                await tx.backtests.count(backtest.owner_id)
                await cut_open_transactions(database_url)
                await tx.backtests.add(backtest)

        async with PostgresUnitOfWork(pool) as tx:
            assert await tx.backtests.get(backtest.owner_id, backtest.id) is None
    finally:
        await pool.close()


async def test_a_connection_lost_before_the_commit_is_unavailable(database_url: str) -> None:
    backtest = a_backtest()
    pool = await create_pool(database_url, 1, 1)
    try:
        with pytest.raises(Unavailable):
            async with PostgresUnitOfWork(pool) as tx:
                await tx.backtests.add(backtest)
                await cut_open_transactions(database_url)
                await tx.commit()

        async with PostgresUnitOfWork(pool) as tx:
            assert await tx.backtests.get(backtest.owner_id, backtest.id) is None
    finally:
        await pool.close()
