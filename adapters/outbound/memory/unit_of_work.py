"""InMemoryUnitOfWork: works on a private snapshot and publishes it only on commit."""

from __future__ import annotations

from types import TracebackType

from adapters.outbound.memory.repositories import (
    InMemoryBacktestRepository,
    InMemoryStrategyRepository,
    InMemoryTradeRepository,
    InMemoryUserProfileRepository,
)
from adapters.outbound.memory.store import InMemoryStore


class InMemoryUnitOfWork:
    """Holds the store's lock from entry to exit, so transactions are serialisable.

    Each unit of work copies the tables: right for tests and small embedded uses, not for
    large data sets (use the Postgres adapters there).
    """

    def __init__(self, store: InMemoryStore) -> None:
        self._store = store

    async def __aenter__(self) -> InMemoryUnitOfWork:
        await self._store.lock.acquire()
        self._begin()
        return self

    def _begin(self) -> None:
        self._tables = self._store.tables.snapshot()
        self.backtests = InMemoryBacktestRepository(self._tables)
        self.trades = InMemoryTradeRepository(self._tables)
        self.strategies = InMemoryStrategyRepository(self._tables)
        self.users = InMemoryUserProfileRepository(self._tables)

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        # Whatever was not committed is dropped with the snapshot.
        self._store.lock.release()

    async def commit(self) -> None:
        self._store.tables = self._tables
        self._begin()
