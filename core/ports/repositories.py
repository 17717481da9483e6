"""Repositories, one per aggregate. Every read and write is scoped to an owner."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol
from uuid import UUID

from core.domain.backtest import Backtest, BacktestStatus
from core.domain.backtest_result import BacktestResult
from core.domain.pagination import Page, PageRequest
from core.domain.strategy import Strategy
from core.domain.trade import Trade
from core.domain.users import UserProfile
from core.domain.values import Symbol


class BacktestRepository(Protocol):
    """Stores backtests; lists them newest first."""

    async def add(self, backtest: Backtest) -> None: ...

    async def get(self, owner_id: UUID, backtest_id: UUID) -> Backtest | None: ...

    async def lock(self, owner_id: UUID, backtest_id: UUID) -> Backtest | None:
        """Reads the backtest and holds it against other writers until the unit of work ends."""
        ...

    async def update(self, backtest: Backtest) -> None: ...

    async def count_active_runs(self, owner_id: UUID) -> int:
        """Backtests of the owner queued or running on the server."""
        ...

    async def delete(self, owner_id: UUID, backtest_id: UUID) -> bool:
        """Deletes the backtest and its trades; False when there was none."""
        ...

    async def list(
        self,
        owner_id: UUID,
        page: PageRequest,
        status: BacktestStatus | None = None,
        symbol: Symbol | None = None,
    ) -> Page[Backtest]: ...

    async def count(self, owner_id: UUID) -> int: ...


class TradeRepository(Protocol):
    """Stores trades; lists a backtest's trades in time order."""

    async def add_many(self, trades: Sequence[Trade]) -> None: ...

    async def delete_engine_trades(self, owner_id: UUID, backtest_id: UUID) -> int:
        """Removes the trades an earlier server run wrote (source engine); keeps manual ones."""
        ...

    async def list_for_backtest(
        self, owner_id: UUID, backtest_id: UUID, page: PageRequest
    ) -> Page[Trade]: ...


class BacktestResultRepository(Protocol):
    """Stores the latest server run's result per backtest."""

    async def put(self, result: BacktestResult) -> None:
        """Stores the result, replacing the backtest's earlier one."""
        ...

    async def get(self, owner_id: UUID, backtest_id: UUID) -> BacktestResult | None: ...

    async def delete(self, owner_id: UUID, backtest_id: UUID) -> None: ...


class StrategyRepository(Protocol):
    """Stores strategy templates; a name is unique per owner, ignoring case."""

    async def add(self, strategy: Strategy) -> None:
        """Raises Conflict when the owner already has a strategy of that name."""
        ...

    async def get(self, owner_id: UUID, strategy_id: UUID) -> Strategy | None: ...

    async def lock(self, owner_id: UUID, strategy_id: UUID) -> Strategy | None:
        """Reads the template and holds it against other writers until the unit of work ends."""
        ...

    async def update(self, strategy: Strategy) -> None:
        """Raises Conflict when the new name clashes with another of the owner's strategies."""
        ...

    async def delete(self, owner_id: UUID, strategy_id: UUID) -> bool:
        """Deletes the template; backtests made from it keep their copy and lose the link."""
        ...

    async def list(self, owner_id: UUID, page: PageRequest) -> Page[Strategy]: ...

    async def count(self, owner_id: UUID) -> int: ...


class UserProfileRepository(Protocol):
    """Stores the profile created on first sight of a user."""

    async def upsert(self, profile: UserProfile) -> UserProfile:
        """Creates the profile or refreshes email, role and last_seen_at; returns the stored row."""
        ...

    async def get(self, user_id: UUID) -> UserProfile | None: ...

    async def lock(self, user_id: UUID) -> None:
        """Holds the user's row until the unit of work ends: one user's writes that must
        see each other (counting active runs, then queueing one) go one at a time."""
        ...
