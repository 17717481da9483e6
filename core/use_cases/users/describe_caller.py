"""DescribeCaller: the caller's profile and how many backtests and strategies they have."""

from __future__ import annotations

from dataclasses import dataclass

from core.domain.users import Principal, UserProfile, UserSummary
from core.ports.clock import Clock
from core.ports.unit_of_work import UnitOfWorkFactory


@dataclass(frozen=True, slots=True)
class DescribeCallerQuery:
    principal: Principal


class DescribeCaller:
    """Refreshes the profile (last seen, email, role) and counts the caller's rows."""

    def __init__(self, uow: UnitOfWorkFactory, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def __call__(self, query: DescribeCallerQuery) -> UserSummary:
        principal = query.principal
        async with self._uow() as uow:
            profile = await uow.users.upsert(UserProfile.seen(principal, self._clock.now()))
            await uow.commit()
        async with self._uow() as uow:
            backtests = await uow.backtests.count(principal.user_id)
            strategies = await uow.strategies.count(principal.user_id)
        return UserSummary(profile=profile, backtest_count=backtests, strategy_count=strategies)
