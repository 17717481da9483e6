"""UnitOfWork: one transaction over every repository; rolls back unless committed."""

from __future__ import annotations

from collections.abc import Callable
from types import TracebackType
from typing import Protocol

from core.ports.repositories import (
    BacktestRepository,
    BacktestResultRepository,
    StrategyRepository,
    TradeRepository,
    UserProfileRepository,
)
from core.ports.run_queue import RunQueue


class UnitOfWork(Protocol):
    """Use as `async with uow: ...; await uow.commit()`; a fresh one per use-case call."""

    backtests: BacktestRepository
    trades: TradeRepository
    strategies: StrategyRepository
    users: UserProfileRepository
    results: BacktestResultRepository
    jobs: RunQueue

    async def __aenter__(self) -> UnitOfWork: ...

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    async def commit(self) -> None: ...


UnitOfWorkFactory = Callable[[], UnitOfWork]
