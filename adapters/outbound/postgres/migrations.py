"""yoyo migrations: applied through psycopg 3 (synchronous), inspected through asyncpg."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import asyncpg
from yoyo import get_backend, read_migrations

YOYO_TABLE = "_yoyo_migration"


def yoyo_url(database_url: str) -> str:
    """postgres:// and postgresql:// become yoyo's psycopg 3 scheme; the rest is kept."""
    parts = urlsplit(database_url)
    if parts.scheme not in ("postgres", "postgresql", "postgresql+psycopg"):
        raise ValueError(f"not a PostgreSQL URL: {parts.scheme}://...")
    url = urlunsplit(("postgresql+psycopg", *parts[1:]))
    # yoyo wants a host in the URL; a unix-socket URL keeps its host in the query string.
    return url.replace("postgresql+psycopg://postgres:@/", "postgresql+psycopg://postgres@/")


def migration_ids(migrations_dir: Path) -> list[str]:
    return [m.id for m in read_migrations(str(migrations_dir))]


def apply_migrations(database_url: str, migrations_dir: Path) -> list[str]:
    """Applies what is pending, in order; returns the ids applied."""
    backend = get_backend(yoyo_url(database_url))
    migrations = read_migrations(str(migrations_dir))
    with backend.lock():
        pending = backend.to_apply(migrations)
        backend.apply_migrations(pending)
    return [m.id for m in pending]


def rollback_last(database_url: str, migrations_dir: Path) -> str | None:
    """Rolls back the most recently applied migration; returns its id, or None."""
    backend = get_backend(yoyo_url(database_url))
    migrations = read_migrations(str(migrations_dir))
    with backend.lock():
        applied = backend.to_rollback(migrations)
        if not applied:
            return None
        last = applied[:1]
        backend.rollback_migrations(last)
    return last[0].id


async def pending_migrations(connection: asyncpg.Connection, migrations_dir: Path) -> list[str]:
    wanted = migration_ids(migrations_dir)
    exists = await connection.fetchval("SELECT to_regclass($1) IS NOT NULL", YOYO_TABLE)
    if not exists:
        return wanted
    done = {
        r["migration_id"] for r in await connection.fetch(f"SELECT migration_id FROM {YOYO_TABLE}")
    }
    return [m for m in wanted if m not in done]
