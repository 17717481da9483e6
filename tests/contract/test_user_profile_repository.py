"""UserProfileRepository: every implementation, the same behaviour."""

from __future__ import annotations

import asyncio
import uuid
from datetime import timedelta

from tests.contract.conftest import Storage, UowFactory, until_one_waits
from tests.support.builders import T0, a_profile


async def test_a_profile_is_created_then_refreshed(uow: UowFactory) -> None:
    user = uuid.uuid4()
    async with uow() as tx:
        created = await tx.users.upsert(a_profile(user))
        await tx.commit()
    later = T0 + timedelta(hours=1)

    async with uow() as tx:
        refreshed = await tx.users.upsert(
            a_profile(
                user, email="new@example.com", role="admin", created_at=later, last_seen_at=later
            )
        )
        await tx.commit()
    async with uow() as tx:
        found = await tx.users.get(user)

    assert created.created_at == T0
    assert (refreshed.created_at, refreshed.last_seen_at) == (T0, later)
    assert (refreshed.email, refreshed.role) == ("new@example.com", "admin")
    assert found is not None
    assert (found.email, found.created_at, found.last_seen_at) == ("new@example.com", T0, later)


async def test_last_seen_never_goes_back(uow: UowFactory) -> None:
    user = uuid.uuid4()
    later = T0 + timedelta(hours=1)
    async with uow() as tx:
        await tx.users.upsert(a_profile(user, last_seen_at=later))
        stale = await tx.users.upsert(a_profile(user, email=None, last_seen_at=T0))
        await tx.commit()

    assert stale.last_seen_at == later
    assert stale.email is None


async def test_an_unknown_profile_is_none(uow: UowFactory) -> None:
    async with uow() as tx:
        assert await tx.users.get(uuid.uuid4()) is None


async def test_a_locked_user_holds_up_another_lock_of_them_until_commit(uow: Storage) -> None:
    # No profile yet: the lock must hold a user the table has not seen.
    user, order = uuid.uuid4(), []

    async def second() -> None:
        async with uow() as tx:
            await tx.users.lock(user)
            order.append("second locked")
            await tx.commit()

    async with uow() as tx:
        await tx.users.lock(user)
        waiting = asyncio.create_task(second())
        await until_one_waits(uow)
        order.append("first committing")
        await tx.commit()
    await waiting

    assert order == ["first committing", "second locked"]
