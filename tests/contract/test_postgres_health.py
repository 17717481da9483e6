"""What only the real database has: its health probe, reachable, pending, failing or slow."""

from __future__ import annotations

from adapters.outbound.postgres.health import PostgresHealthProbe
from adapters.outbound.postgres.migrations import migration_ids
from adapters.outbound.postgres.pool import create_pool
from tests.contract.conftest import MIGRATIONS

CLOSED_PORT = "postgresql://postgres@127.0.0.1:1/none"
ALL = migration_ids(MIGRATIONS)


async def test_the_probe_reports_a_healthy_migrated_database(database_url: str) -> None:
    pool = await create_pool(database_url, 1, 1)
    try:
        result = await PostgresHealthProbe(pool, MIGRATIONS).check()
    finally:
        await pool.close()

    assert (result.name, result.ok, result.ready, result.detail) == ("database", True, True, None)
    assert result.latency_ms >= 0


async def test_the_probe_reports_pending_migrations_as_not_ready(scratch_url: str) -> None:
    pool = await create_pool(scratch_url, 1, 1)
    try:
        result = await PostgresHealthProbe(pool, MIGRATIONS).check()
    finally:
        await pool.close()

    assert (result.ok, result.ready) == (True, False)
    assert result.detail == f"pending migrations: {', '.join(ALL)}"


async def test_the_probe_reports_an_unreachable_database_without_raising() -> None:
    pool = await create_pool(CLOSED_PORT, 0, 1)
    try:
        result = await PostgresHealthProbe(pool, MIGRATIONS).check()
    finally:
        await pool.close()

    assert (result.name, result.ok) == ("database", False)
    assert result.detail == "unreachable: ConnectionRefusedError"


async def test_the_probe_reports_a_failing_query_without_raising(scratch_url: str) -> None:
    pool = await create_pool(scratch_url, 1, 1)
    try:
        await pool.execute("CREATE TABLE _yoyo_migration (unexpected int)")
        result = await PostgresHealthProbe(pool, MIGRATIONS).check()
    finally:
        await pool.close()

    assert (result.ok, result.detail) == (False, "failing: UndefinedColumnError")


async def test_the_probe_gives_up_after_its_timeout(database_url: str) -> None:
    pool = await create_pool(database_url, 1, 1)
    try:
        result = await PostgresHealthProbe(pool, MIGRATIONS, timeout=0.000_001).check()
    finally:
        await pool.close()

    assert (result.ok, result.detail) == (False, "unreachable: TimeoutError")
