"""PostgresUnitOfWork: one pooled connection and one transaction per use-case call."""

from __future__ import annotations

import contextlib
from types import TracebackType

import asyncpg

from adapters.outbound.finished import FINISHED
from adapters.outbound.postgres.backtests import PostgresBacktestRepository
from adapters.outbound.postgres.errors import CONNECT_FAILURES, OUTAGES, unavailable
from adapters.outbound.postgres.results import PostgresBacktestResultRepository
from adapters.outbound.postgres.run_queue import PgQueuerRunQueue
from adapters.outbound.postgres.strategies import PostgresStrategyRepository
from adapters.outbound.postgres.trades import PostgresTradeRepository
from adapters.outbound.postgres.users import PostgresUserProfileRepository
from core.ports.repositories import (
    BacktestRepository,
    BacktestResultRepository,
    StrategyRepository,
    TradeRepository,
    UserProfileRepository,
)
from core.ports.run_queue import RunQueue


def _lost(connection: asyncpg.Connection | None) -> bool:
    try:
        return connection is None or connection.is_closed()
    except asyncpg.InterfaceError:
        return True


class PostgresUnitOfWork:
    """Rolls back on exit unless committed; a lost connection surfaces as Unavailable.

    Committing ends the unit of work: its repositories refuse further use.
    """

    backtests: BacktestRepository
    trades: TradeRepository
    strategies: StrategyRepository
    users: UserProfileRepository
    results: BacktestResultRepository
    jobs: RunQueue

    def __init__(self, pool: asyncpg.Pool, acquire_timeout: float = 5.0) -> None:
        self._pool = pool
        self._acquire_timeout = acquire_timeout
        self._connection: asyncpg.Connection | None = None
        self._committed = False
        self._finish()

    async def __aenter__(self) -> PostgresUnitOfWork:
        if self._connection is not None:
            raise RuntimeError("a unit of work is entered once")
        try:
            connection = await self._pool.acquire(timeout=self._acquire_timeout)
        except CONNECT_FAILURES as error:
            raise unavailable(error) from None
        transaction = connection.transaction()
        try:
            await transaction.start()
        except BaseException as error:
            outage = isinstance(error, CONNECT_FAILURES)
            await self._give_back(connection, broken=outage)
            if outage:
                raise unavailable(error) from None
            raise
        self._connection, self._transaction = connection, transaction
        self._committed = False
        self.backtests = PostgresBacktestRepository(connection)
        self.trades = PostgresTradeRepository(connection)
        self.strategies = PostgresStrategyRepository(connection)
        self.users = PostgresUserProfileRepository(connection)
        self.results = PostgresBacktestResultRepository(connection)
        self.jobs = PgQueuerRunQueue(connection)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        assert self._connection is not None, "__aexit__ without __aenter__"
        outage = self._is_outage(exc)
        connection, self._connection = self._connection, None
        self._finish()
        broken = outage
        try:
            if not self._committed and not outage:
                await self._transaction.rollback()
        except Exception:
            # The connection is broken or the transaction already failed; the server drops
            # the transaction either way.
            broken = True
        finally:
            await self._give_back(connection, broken=broken)
        if outage:
            assert exc is not None
            raise unavailable(exc) from exc

    async def commit(self) -> None:
        if self._connection is None or self._committed:
            raise RuntimeError("commit needs an open unit of work that has not committed yet")
        try:
            await self._transaction.commit()
        except Exception as error:
            if self._is_outage(error):
                raise unavailable(error) from error
            raise
        self._committed = True
        self._finish()

    async def _give_back(self, connection: asyncpg.Connection, *, broken: bool) -> None:
        """Returns the connection to the pool; a broken one is closed first, so a hung server
        cannot hold the request while the pool tries to reset it. A connection the server
        dropped is back in the pool already, and both calls then refuse: nothing is left to do.
        """
        with contextlib.suppress(asyncpg.InterfaceError):
            if broken:
                connection.terminate()
            try:
                await self._pool.release(connection, timeout=self._acquire_timeout)
            except (*OUTAGES, asyncpg.PostgresError):
                connection.terminate()  # the pool replaces a closed connection

    def _is_outage(self, error: BaseException | None) -> bool:
        if isinstance(error, OUTAGES):
            return True
        # When the server drops the connection, the pool takes it back at once and every
        # later call on it is an InterfaceError ("released back to the pool").
        return isinstance(error, asyncpg.InterfaceError) and _lost(self._connection)

    def _finish(self) -> None:
        self.backtests = self.trades = self.strategies = self.users = FINISHED
        self.results = self.jobs = FINISHED
