"""Every contract test runs against the in-memory twin and against a real PostgreSQL.

The server is TEST_DATABASE_URL when set, else an embedded one started here in a temporary
folder. Each session creates a database of its own on that server, migrates it and drops it
at the end, so nothing else on the server is touched and runs never see each other's rows;
each test then starts on empty tables.
"""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest
from dependency_injector import providers

from adapters.outbound.memory.candle_store import InMemoryCandleStore
from adapters.outbound.memory.store import InMemoryStore, Tables
from adapters.outbound.memory.unit_of_work import InMemoryUnitOfWork
from adapters.outbound.postgres.migrations import apply_migrations
from adapters.outbound.postgres.pool import create_pool
from adapters.outbound.postgres.run_queue import RUN_BACKTEST
from adapters.outbound.postgres.unit_of_work import PostgresUnitOfWork
from bootstrap.container import Container
from bootstrap.settings import Settings
from bootstrap.web import build_app
from core.domain.run_job import RunJob
from core.ports.unit_of_work import UnitOfWork
from tests.support.in_memory import market_data_in

MIGRATIONS = Path(__file__).resolve().parents[2] / "migrations"
# Every table the migrations create, parents first: ours, then pgqueuer's (0005_run_queue).
TABLES = (
    "user_profiles", "strategies", "backtests", "trades", "backtest_results",
    "pgqueuer", "pgqueuer_log", "pgqueuer_statistics", "pgqueuer_schedules",
)  # fmt: skip
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


@pytest.fixture
def scratch_url(server_url: str) -> Iterator[str]:
    """A database of its own, never migrated: for tests that move its schema back and forth."""
    with scratch_database(server_url, "migrations") as url:
        yield url


@pytest.fixture(scope="session")
def database_url(server_url: str) -> Iterator[str]:
    """This session's database, migrated to the latest version."""
    with scratch_database(server_url, "contract") as url:
        apply_migrations(url, MIGRATIONS)
        yield url


class Storage:
    """Makes units of work over one storage; `clear` empties it (between hypothesis examples).

    `queued` reads the committed jobs that no worker has taken, oldest first; `waiting`
    counts the units of work blocked by another's lock.
    """

    def __init__(
        self,
        make: Callable[[], UnitOfWork],
        clear: Callable[[], Awaitable[object]],
        queued: Callable[[], Awaitable[list[RunJob]]],
        waiting: Callable[[], Awaitable[int]],
    ) -> None:
        self._make = make
        self.clear = clear
        self.queued = queued
        self.waiting = waiting

    def __call__(self) -> UnitOfWork:
        return self._make()


async def until_one_waits(storage: Storage) -> None:
    """Returns once a unit of work waits for another's lock; fails if none does within 10 s."""
    async with asyncio.timeout(10):
        # Polled: PostgreSQL tells no one when a session starts waiting for a lock.
        while await storage.waiting() != 1:  # noqa: ASYNC110
            await asyncio.sleep(0.01)


@pytest.fixture(params=["memory", "postgres"])
async def uow(request: pytest.FixtureRequest) -> AsyncIterator[Storage]:
    """Units of work over empty storage, for each implementation in turn."""
    if request.param == "memory":
        store = InMemoryStore()

        async def forget() -> None:
            store.publish(Tables())
            store.jobs.clear()

        async def queued_in_memory() -> list[RunJob]:
            return list(store.jobs)

        async def waiting_in_memory() -> int:
            return store.waiting

        yield Storage(
            lambda: InMemoryUnitOfWork(store), forget, queued_in_memory, waiting_in_memory
        )
        return
    url = request.getfixturevalue("database_url")
    pool = await create_pool(url, 1, 4)

    async def queued() -> list[RunJob]:
        rows = await pool.fetch(
            "SELECT payload FROM pgqueuer WHERE entrypoint = $1 AND status = 'queued' ORDER BY id",
            RUN_BACKTEST,
        )
        return [RunJob.decode(r["payload"]) for r in rows]

    async def waiting() -> int:
        # A row lock is waited for on the holder's transaction id, which names no database.
        return await pool.fetchval(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )

    try:
        storage = Storage(
            lambda: PostgresUnitOfWork(pool),
            # DELETE beats TRUNCATE on a handful of rows; children first for the foreign keys.
            lambda: pool.execute("".join(f"DELETE FROM {t};" for t in reversed(TABLES))),
            queued,
            waiting,
        )
        await storage.clear()
        yield storage
    finally:
        await pool.close()


HTTP_SECRET = "postgres-http-secret-postgres-http-secret-0123"


@pytest.fixture
async def http_over_postgres(
    aiohttp_client: Any, database_url: str, tmp_path: Path
) -> AsyncIterator[Any]:
    """The real app's test client over the Postgres adapters; tokens signed with HTTP_SECRET."""
    pool = await create_pool(database_url, 1, 8)
    await pool.execute("TRUNCATE trades, backtests, strategies, user_profiles CASCADE")
    env = {"DATA_DIR": str(tmp_path), "RUN_WORKERS": "0", "RUN_WAIT_MAX_SECONDS": "1"}
    settings = Settings.from_env(env, env_file=None)
    container = Container(settings=settings, database_url=database_url, jwt_secret=HTTP_SECRET)
    container.persistence.uow.override(providers.Factory(PostgresUnitOfWork, pool))
    container.persistence.lifecycle.override(providers.Object(None))
    container.market_data.override(market_data_in(InMemoryCandleStore()))
    try:
        yield await aiohttp_client(build_app(container))
    finally:
        container.unwire()
        await pool.close()
