"""What only the real database has: migrations and its health probe."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
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
from adapters.outbound.postgres.unit_of_work import PostgresUnitOfWork
from core.domain.backtest import BacktestStatus
from core.domain.errors import Conflict
from core.domain.pagination import PageRequest
from core.domain.trade import TradeSource
from tests.contract.conftest import MIGRATIONS, TABLES, scratch_database
from tests.support.builders import T0, a_backtest, a_strategy, a_trade

CLOSED_PORT = "postgresql://postgres@127.0.0.1:1/none"
ALL = migration_ids(MIGRATIONS)


async def tables_in(url: str) -> dict[str, bool]:
    """Our tables, each with whether row level security is on."""
    pool = await create_pool(url, 1, 1)
    try:
        rows = await pool.fetch(
            "SELECT relname, relrowsecurity FROM pg_class "
            "WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace "
            "AND relname NOT LIKE '%yoyo%'"
        )
        return {r["relname"]: r["relrowsecurity"] for r in rows}
    finally:
        await pool.close()


async def pending_in(url: str) -> list[str]:
    pool = await create_pool(url, 1, 1)
    try:
        return await pending_migrations(pool, MIGRATIONS)
    finally:
        await pool.close()


@pytest.fixture
def scratch_url(server_url: str) -> Iterator[str]:
    """A database of its own, never migrated: these tests move its schema back and forth."""
    with scratch_database(server_url, "migrations") as url:
        yield url


def test_the_migrations_folder_is_in_order() -> None:
    assert ALL == [
        "0001_initial",
        "0002_strategy_name_key",
        "0003_row_level_security",
        "0004_backtest_runs",
        "0005_run_queue",
        "0006_result_series_storage",
    ]


async def test_migrations_apply_roll_back_and_apply_again(scratch_url: str) -> None:
    assert await pending_in(scratch_url) == ALL

    assert apply_migrations(scratch_url, MIGRATIONS) == ALL
    assert await tables_in(scratch_url) == dict.fromkeys(TABLES, True)
    assert await pending_in(scratch_url) == []
    assert apply_migrations(scratch_url, MIGRATIONS) == []

    assert [rollback_last(scratch_url, MIGRATIONS) for _ in ALL] == ALL[::-1]
    assert await tables_in(scratch_url) == {}
    assert await pending_in(scratch_url) == ALL
    assert rollback_last(scratch_url, MIGRATIONS) is None

    assert apply_migrations(scratch_url, MIGRATIONS) == ALL
    assert await pending_in(scratch_url) == []


async def test_pending_migrations_are_those_not_yet_applied(scratch_url: str) -> None:
    apply_migrations(scratch_url, MIGRATIONS)

    rollback_last(scratch_url, MIGRATIONS)
    rollback_last(scratch_url, MIGRATIONS)

    assert await pending_in(scratch_url) == ALL[-2:]
    assert "pgqueuer" not in await tables_in(scratch_url)


async def test_strategies_stored_before_the_name_key_keep_their_names_taken(
    scratch_url: str,
) -> None:
    apply_migrations(scratch_url, MIGRATIONS)
    for _ in ALL[1:]:
        rollback_last(scratch_url, MIGRATIONS)
    taken = a_strategy(name="Trend")
    pool = await create_pool(scratch_url, 1, 1)
    try:
        await pool.execute(
            "INSERT INTO strategies (id, owner_id, name, kind, created_at, updated_at) "
            "VALUES ($1, $2, $3, 'custom', now(), now())",
            taken.id,
            taken.owner_id,
            taken.name,
        )

        apply_migrations(scratch_url, MIGRATIONS)

        with pytest.raises(Conflict):
            async with PostgresUnitOfWork(pool) as tx:
                await tx.strategies.add(a_strategy(taken.owner_id, name="TREND"))
    finally:
        await pool.close()


async def test_a_round_trip_below_server_runs_keeps_rows_with_their_defaults(
    scratch_url: str,
) -> None:
    apply_migrations(scratch_url, MIGRATIONS)
    backtest = a_backtest(execution={"commission": 0.01})
    backtest.queue_run(uuid.uuid4(), T0)
    trade = a_trade(backtest.owner_id, backtest.id, source=TradeSource.ENGINE, details={"a": 1})
    pool = await create_pool(scratch_url, 1, 1)
    try:
        async with PostgresUnitOfWork(pool) as tx:
            await tx.backtests.add(backtest)
            await tx.trades.add_many([trade])
            await tx.commit()

        assert rollback_last(scratch_url, MIGRATIONS) == "0006_result_series_storage"
        assert rollback_last(scratch_url, MIGRATIONS) == "0005_run_queue"
        assert rollback_last(scratch_url, MIGRATIONS) == "0004_backtest_runs"
        apply_migrations(scratch_url, MIGRATIONS)

        async with PostgresUnitOfWork(pool) as tx:
            found = await tx.backtests.get(backtest.owner_id, backtest.id)
            trades = await tx.trades.list_for_backtest(
                backtest.owner_id, backtest.id, PageRequest()
            )
    finally:
        await pool.close()

    assert found is not None
    assert (found.status, found.run, found.definition.execution) == (
        BacktestStatus.PENDING,
        None,
        {},
    )
    assert [(t.id, t.source, t.details) for t in trades.items] == [
        (trade.id, TradeSource.MANUAL, None)
    ]


def test_yoyo_gets_the_psycopg_scheme_for_any_postgres_url() -> None:
    assert yoyo_url("postgres://u:p@h:5432/db") == "postgresql+psycopg://u:p@h:5432/db"
    assert yoyo_url("postgresql://u:p%40ss@h/db?sslmode=require") == (
        "postgresql+psycopg://u:p%40ss@h/db?sslmode=require"
    )
    assert yoyo_url("postgresql://postgres:@/postgres?host=/tmp/x") == (
        "postgresql+psycopg://postgres@/postgres?host=/tmp/x"
    )
    assert yoyo_url("postgresql:///db?host=/run/pg") == "postgresql+psycopg:///db?host=/run/pg"
    with pytest.raises(ValueError, match="PostgreSQL"):
        yoyo_url("mysql://u@h/db")


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

    assert migrate() == f"applied: {', '.join(ALL)}"
    assert migrate() == "already up to date"
    assert migrate("--rollback") == f"rolled back: {ALL[-1]}"
