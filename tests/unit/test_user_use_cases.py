"""Authenticate and DescribeCaller over the in-memory adapters."""

from __future__ import annotations

import uuid

import pytest

from adapters.outbound.memory.store import InMemoryStore
from core.domain.errors import Unauthenticated
from core.domain.users import Principal
from core.use_cases.users.authenticate import Authenticate, AuthenticateCommand, RecentlySeen
from core.use_cases.users.describe_caller import DescribeCaller, DescribeCallerQuery
from tests.support.builders import a_backtest, a_strategy
from tests.support.clocks import SteppingClock

OWNER = uuid.UUID(int=999)


class OneUserVerifier:
    def __init__(self) -> None:
        self.principal = Principal(uuid.UUID(int=5), "a@example.com")

    async def verify(self, token: str) -> Principal:
        if token != "good":
            raise Unauthenticated("bad token")
        return self.principal


async def test_a_user_is_registered_once_however_often_they_call(
    uow,
    store: InMemoryStore,
) -> None:
    authenticate = Authenticate(OneUserVerifier(), uow, SteppingClock(), RecentlySeen())

    for _ in range(3):
        await authenticate(AuthenticateCommand("good"))

    assert list(store.tables.users) == [uuid.UUID(int=5)]


async def test_a_refused_token_registers_nobody(uow, store: InMemoryStore) -> None:
    authenticate = Authenticate(OneUserVerifier(), uow, SteppingClock(), RecentlySeen())

    with pytest.raises(Unauthenticated):
        await authenticate(AuthenticateCommand("bad"))

    assert store.tables.users == {}


async def test_the_caller_is_counted(uow) -> None:
    async with uow() as tx:
        await tx.backtests.add(a_backtest(OWNER))
        await tx.strategies.add(a_strategy(OWNER))
        await tx.backtests.add(a_backtest())
        await tx.commit()

    summary = await DescribeCaller(uow, SteppingClock())(
        DescribeCallerQuery(Principal(OWNER, "me@example.com"))
    )

    assert (summary.backtest_count, summary.strategy_count) == (1, 1)
    assert summary.profile.email == "me@example.com"


def test_the_memory_of_seen_users_is_bounded() -> None:
    seen = RecentlySeen(capacity=2)
    users = [Principal(uuid.UUID(int=n)) for n in range(3)]

    assert [seen.add(u) for u in users] == [True, True, True]
    assert seen.add(users[0]) is True
    assert seen.add(users[2]) is False
