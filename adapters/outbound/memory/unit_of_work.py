"""InMemoryUnitOfWork: works on a private snapshot and publishes it only on commit."""

from __future__ import annotations

from types import TracebackType

from adapters.outbound.finished import FINISHED
from adapters.outbound.memory.backtests import InMemoryBacktestRepository
from adapters.outbound.memory.results import InMemoryBacktestResultRepository
from adapters.outbound.memory.run_queue import InMemoryRunQueue
from adapters.outbound.memory.store import InMemoryStore, Tables
from adapters.outbound.memory.strategies import InMemoryStrategyRepository
from adapters.outbound.memory.trades import InMemoryTradeRepository
from adapters.outbound.memory.users import InMemoryUserProfileRepository
from core.ports.repositories import (
    BacktestRepository,
    BacktestResultRepository,
    StrategyRepository,
    TradeRepository,
    UserProfileRepository,
)
from core.ports.run_queue import RunQueue


class InMemoryUnitOfWork:
    """Behaves as PostgresUnitOfWork does; units of work on one store run one at a time.

    Each copies the tables on entry: right for tests and small embedded uses, not for large
    data sets (use the Postgres adapters there). Its jobs reach the store's queue on commit.
    """

    backtests: BacktestRepository
    trades: TradeRepository
    strategies: StrategyRepository
    users: UserProfileRepository
    results: BacktestResultRepository
    jobs: RunQueue

    def __init__(self, store: InMemoryStore) -> None:
        self._store = store
        self._tables: Tables | None = None
        self._queue = InMemoryRunQueue()
        self._finish()

    async def __aenter__(self) -> InMemoryUnitOfWork:
        if self._tables is not None:
            raise RuntimeError("a unit of work is entered once")
        self._tables = tables = await self._store.begin()
        self.backtests = InMemoryBacktestRepository(tables)
        self.trades = InMemoryTradeRepository(tables)
        self.strategies = InMemoryStrategyRepository(tables)
        self.users = InMemoryUserProfileRepository(tables)
        self.results = InMemoryBacktestResultRepository(tables)
        self.jobs = self._queue
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        # Whatever was not committed is dropped with the snapshot.
        assert self._tables is not None, "__aexit__ without __aenter__"
        self._tables = None
        self._finish()
        self._store.end()

    async def commit(self) -> None:
        if self._tables is None or self.backtests is FINISHED:
            raise RuntimeError("commit needs an open unit of work that has not committed yet")
        self._store.publish(self._tables, self._queue.enqueued)
        self._finish()

    def _finish(self) -> None:
        self.backtests = self.trades = self.strategies = self.users = FINISHED
        self.results = self.jobs = FINISHED
