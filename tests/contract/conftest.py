"""Every contract test runs against the in-memory twin and against a real PostgreSQL.

The server is TEST_DATABASE_URL when set, else an embedded one started here. Each session
creates its own database (dropped at the end), and each test starts on empty tables.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest

from adapters.outbound.memory.store import InMemoryStore
from adapters.outbound.memory.unit_of_work import InMemoryUnitOfWork
from adapters.outbound.postgres.migrations import apply_migrations
from adapters.outbound.postgres.pool import create_pool
from adapters.outbound.postgres.unit_of_work import PostgresUnitOfWork
from core.ports.unit_of_work import UnitOfWork

MIGRATIONS = Path(__file__).resolve().parents[2] / "migrations"
TABLES = "trades, backtests, strategies, user_profiles"


def with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def _conninfo(url: str) -> str:
    return url.replace("postgresql://postgres:@/", "postgresql://postgres@/")


@pytest.fixture(scope="session")
def server_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    configured = os.environ.get("TEST_DATABASE_URL")
    if configured:
        return configured
    from adapters.outbound.postgres.embedded import start_embedded_postgres

    return start_embedded_postgres(tmp_path_factory.mktemp("pg"))


@contextmanager
def scratch_database(server_url: str, prefix: str) -> Iterator[str]:
    """A fresh, empty database of the caller's own, dropped afterwards."""
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(_conninfo(server_url), autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield with_database(server_url, name)
    finally:
        with psycopg.connect(_conninfo(server_url), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def blank_database(server_url: str) -> Iterator[str]:
    with scratch_database(server_url, "contract") as url:
        yield url


@pytest.fixture(scope="session")
def database_url(blank_database: str) -> str:
    apply_migrations(blank_database, MIGRATIONS)
    return blank_database


UowFactory = Callable[[], UnitOfWork]


@pytest.fixture(params=["memory", "postgres"])
async def uow(request: pytest.FixtureRequest) -> AsyncIterator[UowFactory]:
    """A factory of units of work over empty storage, for each implementation in turn."""
    if request.param == "memory":
        store = InMemoryStore()
        yield lambda: InMemoryUnitOfWork(store)
        return
    url = request.getfixturevalue("database_url")
    pool = await create_pool(url, 1, 4)
    await pool.execute(f"TRUNCATE {TABLES} CASCADE")
    try:
        yield lambda: PostgresUnitOfWork(pool)
    finally:
        await pool.close()
