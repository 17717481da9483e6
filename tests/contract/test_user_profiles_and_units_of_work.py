from __future__ import annotations

import uuid
from datetime import timedelta

import pytest

from core.domain.pagination import PageRequest
from tests.contract.conftest import UowFactory
from tests.support.builders import T0, a_backtest, a_profile


async def test_a_profile_is_created_then_refreshed(uow: UowFactory) -> None:
    user = uuid.uuid4()
    async with uow() as tx:
        created = await tx.users.upsert(a_profile(user))
        await tx.commit()
    later = T0 + timedelta(hours=1)

    async with uow() as tx:
        refreshed = await tx.users.upsert(
            a_profile(user, email="new@example.com", created_at=later, last_seen_at=later)
        )
        await tx.commit()

    assert created.created_at == T0
    assert refreshed.created_at == T0
    assert refreshed.last_seen_at == later
    assert refreshed.email == "new@example.com"


async def test_an_unknown_profile_is_none(uow: UowFactory) -> None:
    async with uow() as tx:
        assert await tx.users.get(uuid.uuid4()) is None


async def test_nothing_is_kept_without_a_commit(uow: UowFactory) -> None:
    owner = uuid.uuid4()
    backtest = a_backtest(owner)

    async with uow() as tx:
        await tx.backtests.add(backtest)
    async with uow() as tx:
        assert await tx.backtests.get(owner, backtest.id) is None


async def test_an_error_rolls_everything_back(uow: UowFactory) -> None:
    owner = uuid.uuid4()

    with pytest.raises(ValueError, match="boom"):
        async with uow() as tx:
            await tx.backtests.add(a_backtest(owner))
            await tx.users.upsert(a_profile(owner))
            raise ValueError("boom")
    async with uow() as tx:
        assert await tx.backtests.count(owner) == 0
        assert await tx.users.get(owner) is None


async def test_a_read_does_not_hand_out_the_stored_object(uow: UowFactory) -> None:
    owner = uuid.uuid4()
    backtest = a_backtest(owner)
    async with uow() as tx:
        await tx.backtests.add(backtest)
        await tx.commit()

    async with uow() as tx:
        read = await tx.backtests.get(owner, backtest.id)
        assert read is not None
        read.rename("changed but never saved", T0)
    async with uow() as tx:
        again = await tx.backtests.get(owner, backtest.id)

    assert again is not None
    assert again.name == backtest.name


async def test_ids_come_back_as_standard_library_uuids(uow: UowFactory) -> None:
    owner = uuid.uuid4()
    async with uow() as tx:
        await tx.backtests.add(a_backtest(owner))
        await tx.commit()

    async with uow() as tx:
        page = await tx.backtests.list(owner, PageRequest())

    stored = page.items[0]
    assert type(stored.id) is uuid.UUID
    assert type(stored.owner_id) is uuid.UUID
