"""What only the real database has: migrations, applied and rolled back, by code or command."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from adapters.outbound.postgres.migrations import (
    apply_migrations,
    migration_ids,
    pending_migrations,
    rollback_last,
    yoyo_url,
)
from adapters.outbound.postgres.pool import create_pool
from tests.contract.conftest import MIGRATIONS, TABLES

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


async def notices_in(url: str) -> list[str]:
    """The triggers on backtests and the function of 0007_backtest_status_notices."""
    pool = await create_pool(url, 1, 1)
    try:
        rows = await pool.fetch(
            "SELECT tgname AS name FROM pg_trigger "
            "WHERE tgrelid = 'backtests'::regclass AND NOT tgisinternal "
            "UNION SELECT proname FROM pg_proc WHERE proname = 'notify_backtest_status' "
            "ORDER BY name"
        )
        return [r["name"] for r in rows]
    finally:
        await pool.close()


async def pending_in(url: str) -> list[str]:
    pool = await create_pool(url, 1, 1)
    try:
        return await pending_migrations(pool, MIGRATIONS)
    finally:
        await pool.close()


def test_the_migrations_folder_is_in_order() -> None:
    assert ALL == [
        "0001_initial",
        "0002_strategy_name_key",
        "0003_row_level_security",
        "0004_backtest_runs",
        "0005_run_queue",
        "0006_result_series_storage",
        "0007_backtest_status_notices",
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

    rolled_back = [rollback_last(scratch_url, MIGRATIONS) for _ in range(3)]

    assert rolled_back[-1] == "0005_run_queue"
    assert await pending_in(scratch_url) == ALL[-3:]
    assert "pgqueuer" not in await tables_in(scratch_url)


async def test_rolling_back_the_status_notices_leaves_no_trigger_or_function(
    scratch_url: str,
) -> None:
    apply_migrations(scratch_url, MIGRATIONS)
    applied = await notices_in(scratch_url)

    rollback_last(scratch_url, MIGRATIONS)

    assert applied == ["backtests_deleted", "backtests_status_changed", "notify_backtest_status"]
    assert await notices_in(scratch_url) == []


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
