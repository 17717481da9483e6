"""yoyo migrations: applied through psycopg 3 (synchronous), inspected through asyncpg."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import asyncpg
from yoyo import get_backend, read_migrations
from yoyo.backends import DatabaseBackend

YOYO_TABLE = "_yoyo_migration"


def yoyo_url(database_url: str) -> str:
    """postgres:// and postgresql:// become yoyo's psycopg 3 scheme; the rest is kept.

    An empty password ("postgres:@/db?host=/run/pg", the embedded server's unix socket URL)
    is dropped: psycopg would otherwise send it and fail where trust auth needs none.
    """
    parts = urlsplit(database_url)
    if parts.scheme not in ("postgres", "postgresql", "postgresql+psycopg"):
        raise ValueError(f"not a PostgreSQL URL: {parts.scheme}://...")
    netloc = parts.netloc
    credentials, at, host = netloc.rpartition("@")
    if at and credentials.endswith(":"):
        netloc = f"{credentials[:-1]}@{host}"
    query = f"?{parts.query}" if parts.query else ""
    return f"postgresql+psycopg://{netloc}{parts.path}{query}"


def migration_ids(migrations_dir: Path) -> list[str]:
    return [m.id for m in read_migrations(str(migrations_dir))]


@contextmanager
def _locked_backend(database_url: str) -> Iterator[DatabaseBackend]:
    backend = get_backend(yoyo_url(database_url))
    try:
        with backend.lock():
            yield backend
    finally:
        backend.connection.close()


def apply_migrations(database_url: str, migrations_dir: Path) -> list[str]:
    """Applies what is pending, in order; returns the ids applied."""
    migrations = read_migrations(str(migrations_dir))
    with _locked_backend(database_url) as backend:
        pending = backend.to_apply(migrations)
        backend.apply_migrations(pending)
    return [m.id for m in pending]


def rollback_last(database_url: str, migrations_dir: Path) -> str | None:
    """Rolls back the most recently applied migration; returns its id, or None."""
    migrations = read_migrations(str(migrations_dir))
    with _locked_backend(database_url) as backend:
        last = backend.to_rollback(migrations)[:1]
        backend.rollback_migrations(last)
    return last[0].id if last else None


async def pending_migrations(
    db: asyncpg.Pool | asyncpg.Connection, migrations_dir: Path
) -> list[str]:
    """Ids in the folder that yoyo has not recorded as applied; all of them on a blank database."""
    wanted = migration_ids(migrations_dir)
    if not await db.fetchval("SELECT to_regclass($1) IS NOT NULL", YOYO_TABLE):
        return wanted
    done = {r["migration_id"] for r in await db.fetch(f"SELECT migration_id FROM {YOYO_TABLE}")}
    return [m for m in wanted if m not in done]
