"""DescribeCaller: the caller's profile and how many backtests and strategies they have."""

from __future__ import annotations

from core.domain.users import Principal, UserSummary
from core.ports.clock import Clock
from core.ports.unit_of_work import UnitOfWorkFactory
from core.use_cases.users.authenticate import register


class DescribeCaller:
    """Refreshes the profile (last seen, email, role) and counts the caller's rows."""

    def __init__(self, uow: UnitOfWorkFactory, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def __call__(self, principal: Principal) -> UserSummary:
        profile = await register(self._uow, principal, self._clock)
        async with self._uow() as uow:
            backtests = await uow.backtests.count(principal.user_id)
            strategies = await uow.strategies.count(principal.user_id)
        return UserSummary(profile=profile, backtest_count=backtests, strategy_count=strategies)
