from __future__ import annotations

import uuid
from datetime import timedelta

import pytest

from core.domain.errors import Conflict
from core.domain.pagination import PageRequest
from tests.contract.conftest import UowFactory
from tests.support.builders import a_strategy


async def test_a_strategy_reads_back_equal(uow: UowFactory) -> None:
    owner = uuid.uuid4()
    strategy = a_strategy(owner, description="two moving averages")
    async with uow() as tx:
        await tx.strategies.add(strategy)
        await tx.commit()

    async with uow() as tx:
        stored = await tx.strategies.get(owner, strategy.id)

    assert stored is not None
    assert (stored.name, stored.kind, stored.description, stored.parameters) == (
        strategy.name,
        strategy.kind,
        strategy.description,
        strategy.parameters,
    )
    assert (stored.created_at, stored.updated_at) == (strategy.created_at, strategy.updated_at)


async def test_a_name_clash_ignoring_case_is_a_conflict(uow: UowFactory) -> None:
    owner = uuid.uuid4()
    async with uow() as tx:
        await tx.strategies.add(a_strategy(owner, name="Breakout"))
        await tx.commit()

    with pytest.raises(Conflict):
        async with uow() as tx:
            await tx.strategies.add(a_strategy(owner, name="BREAKOUT"))
            await tx.commit()
    async with uow() as tx:
        assert await tx.strategies.count(owner) == 1


async def test_the_same_name_is_fine_for_another_owner(uow: UowFactory) -> None:
    async with uow() as tx:
        await tx.strategies.add(a_strategy(uuid.uuid4(), name="Breakout"))
        await tx.strategies.add(a_strategy(uuid.uuid4(), name="Breakout"))
        await tx.commit()


async def test_renaming_onto_a_taken_name_is_a_conflict(uow: UowFactory) -> None:
    owner = uuid.uuid4()
    first, second = a_strategy(owner, 1, name="A"), a_strategy(owner, 2, name="B")
    async with uow() as tx:
        await tx.strategies.add(first)
        await tx.strategies.add(second)
        await tx.commit()
    second.revise(second.updated_at + timedelta(seconds=1), name="a")

    with pytest.raises(Conflict):
        async with uow() as tx:
            await tx.strategies.update(second)
            await tx.commit()
    async with uow() as tx:
        stored = await tx.strategies.get(owner, second.id)
    assert stored is not None
    assert stored.name == "B"


async def test_a_unit_of_work_stays_usable_after_a_clash(uow: UowFactory) -> None:
    owner = uuid.uuid4()
    async with uow() as tx:
        await tx.strategies.add(a_strategy(owner, 1, name="A"))
        with pytest.raises(Conflict):
            await tx.strategies.add(a_strategy(owner, 2, name="A"))
        await tx.strategies.add(a_strategy(owner, 3, name="C"))
        await tx.commit()

    async with uow() as tx:
        assert await tx.strategies.count(owner) == 2


async def test_strategies_list_newest_first_and_are_private(uow: UowFactory) -> None:
    owner = uuid.uuid4()
    async with uow() as tx:
        for n in range(5):
            await tx.strategies.add(a_strategy(owner, n))
        await tx.strategies.add(a_strategy(uuid.uuid4(), 9))
        await tx.commit()

    async with uow() as tx:
        first = await tx.strategies.list(owner, PageRequest(limit=3))
        assert first.next_cursor is not None
        rest = await tx.strategies.list(owner, PageRequest(limit=3, after=first.next_cursor))

    assert [s.name for s in first.items + rest.items] == [f"strategy {n}" for n in (4, 3, 2, 1, 0)]
    assert rest.next_cursor is None


async def test_deleting_a_missing_strategy_says_so(uow: UowFactory) -> None:
    async with uow() as tx:
        assert await tx.strategies.delete(uuid.uuid4(), uuid.uuid4()) is False
