"""Persistence: the asyncpg pool, opened and closed with the app, and units of work over it;
the status changes it notices, on a connection of their own."""

from __future__ import annotations

from collections.abc import AsyncIterator

from dependency_injector import containers, providers

from adapters.outbound.postgres.health import PostgresHealthProbe
from adapters.outbound.postgres.status_changes import PostgresStatusChanges
from adapters.outbound.postgres.unit_of_work import PostgresUnitOfWork
from bootstrap.database import PoolHolder
from bootstrap.settings import Settings


async def _opened(holder: PoolHolder) -> AsyncIterator[PoolHolder]:
    await holder.open()
    try:
        yield holder
    finally:
        await holder.close()


async def _closed_at_the_end(changes: PostgresStatusChanges) -> AsyncIterator[None]:
    try:
        yield None
    finally:
        await changes.close()


class PostgresPersistence(containers.DeclarativeContainer):
    """`uow` makes a fresh unit of work per call; `probe` reports the database and migrations;
    `status_changes` listens (one connection per process, opened by the first waiter)."""

    settings = providers.Dependency(instance_of=Settings)
    database_url = providers.Dependency(instance_of=str)

    database = providers.Singleton(
        PoolHolder,
        dsn=database_url,
        min_size=settings.provided.db_pool_min,
        max_size=settings.provided.db_pool_max,
        statement_timeout_ms=settings.provided.db_statement_timeout_ms,
    )
    lifecycle = providers.Resource(_opened, database)
    uow = providers.Factory(
        PostgresUnitOfWork,
        pool=database.provided.pool,
        acquire_timeout=settings.provided.db_acquire_timeout_seconds,
    )
    probe = providers.Factory(
        PostgresHealthProbe,
        pool=database.provided.pool,
        migrations_dir=settings.provided.migrations_dir,
    )
    status_changes = providers.Singleton(PostgresStatusChanges, dsn=database_url)
    listener_lifecycle = providers.Resource(_closed_at_the_end, status_changes)
