"""UnitOfWork: every implementation keeps what is committed, and only that."""

from __future__ import annotations

import asyncio
import uuid

import pytest

from adapters.outbound.memory.store import InMemoryStore
from adapters.outbound.memory.unit_of_work import InMemoryUnitOfWork
from core.domain.errors import Conflict
from core.domain.pagination import PageRequest
from tests.contract.conftest import UowFactory
from tests.support.builders import T0, a_backtest, a_profile, a_strategy


async def test_nothing_is_kept_without_a_commit(uow: UowFactory) -> None:
    backtest = a_backtest()

    async with uow() as tx:
        await tx.backtests.add(backtest)
    async with uow() as tx:
        assert await tx.backtests.get(backtest.owner_id, backtest.id) is None


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


async def test_a_unit_of_work_sees_its_own_writes_before_the_commit(uow: UowFactory) -> None:
    backtest = a_backtest()

    async with uow() as tx:
        await tx.backtests.add(backtest)
        seen = await tx.backtests.get(backtest.owner_id, backtest.id)
        await tx.commit()

    assert seen is not None


async def test_a_committed_unit_of_work_is_finished(uow: UowFactory) -> None:
    async with uow() as tx:
        await tx.commit()
        with pytest.raises(RuntimeError, match="finished"):
            await tx.backtests.add(a_backtest())
        with pytest.raises(RuntimeError):
            await tx.commit()

    with pytest.raises(RuntimeError, match="finished"):
        await tx.strategies.count(uuid.uuid4())
    with pytest.raises(RuntimeError, match="finished"):
        await tx.results.get(uuid.uuid4(), uuid.uuid4())


async def test_a_read_does_not_hand_out_the_stored_object(uow: UowFactory) -> None:
    backtest = a_backtest()
    async with uow() as tx:
        await tx.backtests.add(backtest)
        backtest.rename("changed after add", T0)
        await tx.commit()

    async with uow() as tx:
        found = await tx.backtests.get(backtest.owner_id, backtest.id)
        assert found is not None
        found.rename("changed but never saved", T0)
        found.definition.parameters["fast"] = 99
        await tx.commit()
    async with uow() as tx:
        again = await tx.backtests.get(backtest.owner_id, backtest.id)

    assert again is not None
    assert again.name == "backtest 0"
    assert again.definition.parameters["fast"] == 10


async def test_ids_come_back_as_standard_library_uuids(uow: UowFactory) -> None:
    owner = uuid.uuid4()
    async with uow() as tx:
        await tx.backtests.add(a_backtest(owner))
        await tx.commit()

    async with uow() as tx:
        page = await tx.backtests.list(owner, PageRequest())

    assert type(page.items[0].id) is uuid.UUID
    assert type(page.items[0].owner_id) is uuid.UUID


async def test_concurrent_units_of_work_keep_each_others_writes(uow: UowFactory) -> None:
    owner = uuid.uuid4()

    async def add_one(n: int) -> None:
        async with uow() as tx:
            await tx.backtests.add(a_backtest(owner, n))
            await asyncio.sleep(0.01)
            await tx.commit()

    await asyncio.gather(*(add_one(n) for n in range(3)))

    async with uow() as tx:
        assert await tx.backtests.count(owner) == 3


async def test_of_two_concurrent_clashing_names_one_is_a_conflict(uow: UowFactory) -> None:
    owner = uuid.uuid4()

    async def add(name: str) -> None:
        async with uow() as tx:
            await tx.strategies.add(a_strategy(owner, name=name))
            await asyncio.sleep(0.01)
            await tx.commit()

    results = await asyncio.gather(add("Trend"), add("TREND"), return_exceptions=True)

    assert sorted(type(r).__name__ for r in results) == ["Conflict", "NoneType"]
    assert any(isinstance(r, Conflict) for r in results)


async def test_an_in_memory_unit_of_work_refuses_to_nest_rather_than_hang() -> None:
    store = InMemoryStore()

    async with InMemoryUnitOfWork(store):
        with pytest.raises(RuntimeError, match="already open"):
            async with asyncio.timeout(1), InMemoryUnitOfWork(store):
                pass
