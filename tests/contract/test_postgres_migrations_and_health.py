"""What only the real database has: migrations and its health probe."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from adapters.outbound.postgres.health import PostgresHealthProbe
from adapters.outbound.postgres.migrations import (
    apply_migrations,
    migration_ids,
    pending_migrations,
    rollback_last,
    yoyo_url,
)
from adapters.outbound.postgres.pool import create_pool
from tests.contract.conftest import MIGRATIONS, scratch_database


async def tables_in(url: str) -> set[str]:
    pool = await create_pool(url, 1, 1)
    try:
        rows = await pool.fetch(
            "SELECT tablename FROM pg_tables "
            "WHERE schemaname = 'public' AND tablename NOT LIKE '%yoyo%'"
        )
        return {r["tablename"] for r in rows}
    finally:
        await pool.close()


async def pending_in(url: str) -> list[str]:
    pool = await create_pool(url, 1, 1)
    try:
        async with pool.acquire() as connection:
            return await pending_migrations(connection, MIGRATIONS)
    finally:
        await pool.close()


@pytest.fixture
def scratch_url(server_url: str) -> Iterator[str]:
    """A database of its own, never migrated: these tests move its schema back and forth."""
    with scratch_database(server_url, "migrations") as url:
        yield url


async def test_migrations_apply_roll_back_and_apply_again(scratch_url: str) -> None:
    assert await pending_in(scratch_url) == migration_ids(MIGRATIONS)

    assert apply_migrations(scratch_url, MIGRATIONS) == migration_ids(MIGRATIONS)
    assert await tables_in(scratch_url) == {"backtests", "trades", "strategies", "user_profiles"}
    assert await pending_in(scratch_url) == []
    assert apply_migrations(scratch_url, MIGRATIONS) == []

    assert rollback_last(scratch_url, MIGRATIONS) == "0001_initial"
    assert await tables_in(scratch_url) == set()
    assert await pending_in(scratch_url) == ["0001_initial"]

    assert apply_migrations(scratch_url, MIGRATIONS) == ["0001_initial"]
    assert await pending_in(scratch_url) == []


def test_yoyo_gets_the_psycopg_scheme_for_any_postgres_url() -> None:
    assert yoyo_url("postgres://u:p@h:5432/db") == "postgresql+psycopg://u:p@h:5432/db"
    assert yoyo_url("postgresql://postgres:@/postgres?host=/tmp/x").startswith(
        "postgresql+psycopg://postgres@/postgres?host=/tmp/x"
    )
    with pytest.raises(ValueError, match="PostgreSQL"):
        yoyo_url("mysql://u@h/db")


async def test_the_probe_reports_a_healthy_migrated_database(database_url: str) -> None:
    pool = await create_pool(database_url, 1, 1)
    try:
        result = await PostgresHealthProbe(pool, MIGRATIONS).check()
    finally:
        await pool.close()

    assert (result.name, result.ok, result.ready) == ("database", True, True)
    assert result.latency_ms >= 0


async def test_the_probe_reports_pending_migrations_as_not_ready(scratch_url: str) -> None:
    pool = await create_pool(scratch_url, 1, 1)
    try:
        result = await PostgresHealthProbe(pool, MIGRATIONS).check()
    finally:
        await pool.close()

    assert result.ok is True
    assert result.ready is False
    assert "0001_initial" in (result.detail or "")


async def test_the_probe_reports_an_unreachable_database_without_raising() -> None:
    pool = await create_pool("postgresql://postgres@127.0.0.1:1/none", 0, 1)
    try:
        result = await PostgresHealthProbe(pool, MIGRATIONS).check()
    finally:
        await pool.close()

    assert result.ok is False
    assert "unreachable" in (result.detail or "")


def test_the_migrate_command_applies_and_rolls_back(scratch_url: str, tmp_path: Path) -> None:
    env = {**os.environ, "DATABASE_URL": scratch_url, "DATA_DIR": str(tmp_path)}
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[2])

    def migrate(*args: str) -> str:
        result = subprocess.run(
            [sys.executable, "-m", "bootstrap", "migrate", *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
        return result.stdout.strip()

    assert migrate() == "applied: 0001_initial"
    assert migrate() == "already up to date"
    assert migrate("--rollback") == "rolled back: 0001_initial"
    assert migrate("--rollback") == "nothing to roll back"


async def test_an_unreachable_database_makes_a_unit_of_work_unavailable() -> None:
    from adapters.outbound.postgres.unit_of_work import PostgresUnitOfWork
    from core.domain.errors import Unavailable

    pool = await create_pool("postgresql://postgres@127.0.0.1:1/none", 0, 1)
    try:
        with pytest.raises(Unavailable, match="unreachable"):
            async with PostgresUnitOfWork(pool):
                pass
    finally:
        await pool.close()
