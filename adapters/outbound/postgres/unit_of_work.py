"""PostgresUnitOfWork: one connection and one transaction per use-case call."""

from __future__ import annotations

from types import TracebackType

import asyncpg

from adapters.outbound.postgres.backtests import PostgresBacktestRepository
from adapters.outbound.postgres.errors import unavailable
from adapters.outbound.postgres.strategies import PostgresStrategyRepository
from adapters.outbound.postgres.trades import PostgresTradeRepository
from adapters.outbound.postgres.users import PostgresUserProfileRepository


class PostgresUnitOfWork:
    """Rolls back on exit unless committed."""

    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool
        self._connection: asyncpg.Connection | None = None

    async def __aenter__(self) -> PostgresUnitOfWork:
        try:
            connection = await self._pool.acquire()
        except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError, TimeoutError) as error:
            raise unavailable(error) from None
        self._connection = connection
        self._transaction = connection.transaction()
        try:
            await self._transaction.start()
        except BaseException:
            await self._pool.release(connection)
            raise
        self.backtests = PostgresBacktestRepository(connection)
        self.trades = PostgresTradeRepository(connection)
        self.strategies = PostgresStrategyRepository(connection)
        self.users = PostgresUserProfileRepository(connection)
        self._committed = False
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        assert self._connection is not None
        try:
            if not self._committed:
                await self._transaction.rollback()
        finally:
            await self._pool.release(self._connection)
            self._connection = None

    async def commit(self) -> None:
        await self._transaction.commit()
        self._committed = True
