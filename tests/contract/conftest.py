"""Every contract test runs against the in-memory twin and against a real PostgreSQL.

The server is TEST_DATABASE_URL when set, else an embedded one started here in a temporary
folder. Each session creates a database of its own on that server, migrates it and drops it
at the end, so nothing else on the server is touched and runs never see each other's rows;
each test then starts on empty tables.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest

from adapters.outbound.memory.store import InMemoryStore, Tables
from adapters.outbound.memory.unit_of_work import InMemoryUnitOfWork
from adapters.outbound.postgres.migrations import apply_migrations
from adapters.outbound.postgres.pool import create_pool
from adapters.outbound.postgres.unit_of_work import PostgresUnitOfWork
from core.ports.unit_of_work import UnitOfWork

MIGRATIONS = Path(__file__).resolve().parents[2] / "migrations"
TABLES = ("user_profiles", "strategies", "backtests", "trades")
UowFactory = Callable[[], UnitOfWork]


def with_database(url: str, name: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


def _conninfo(url: str) -> str:
    # The embedded server's URL has an empty password ("postgres:@"), which psycopg would send.
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
def database_url(server_url: str) -> Iterator[str]:
    """This session's database, migrated to the latest version."""
    with scratch_database(server_url, "contract") as url:
        apply_migrations(url, MIGRATIONS)
        yield url


class Storage:
    """Makes units of work over one storage; `clear` empties it (between hypothesis examples)."""

    def __init__(
        self, make: Callable[[], UnitOfWork], clear: Callable[[], Awaitable[object]]
    ) -> None:
        self._make = make
        self.clear = clear

    def __call__(self) -> UnitOfWork:
        return self._make()


@pytest.fixture(params=["memory", "postgres"])
async def uow(request: pytest.FixtureRequest) -> AsyncIterator[Storage]:
    """Units of work over empty storage, for each implementation in turn."""
    if request.param == "memory":
        store = InMemoryStore()

        async def forget() -> None:
            store.publish(Tables())

        yield Storage(lambda: InMemoryUnitOfWork(store), forget)
        return
    url = request.getfixturevalue("database_url")
    pool = await create_pool(url, 1, 4)
    try:
        storage = Storage(
            lambda: PostgresUnitOfWork(pool),
            # DELETE beats TRUNCATE on a handful of rows; children first for the foreign keys.
            lambda: pool.execute("".join(f"DELETE FROM {t};" for t in reversed(TABLES))),
        )
        await storage.clear()
        yield storage
    finally:
        await pool.close()
