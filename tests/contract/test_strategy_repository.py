"""StrategyRepository: every implementation, the same behaviour."""

from __future__ import annotations

import uuid
from dataclasses import asdict
from datetime import timedelta

import pytest

from core.domain.errors import Conflict
from core.domain.pagination import PageRequest
from core.domain.strategy import Strategy
from tests.contract.conftest import UowFactory
from tests.support.builders import a_strategy


async def stored(uow: UowFactory, *strategies: Strategy) -> None:
    async with uow() as tx:
        for strategy in strategies:
            await tx.strategies.add(strategy)
        await tx.commit()


async def read(uow: UowFactory, strategy: Strategy) -> Strategy | None:
    async with uow() as tx:
        return await tx.strategies.get(strategy.owner_id, strategy.id)


async def test_a_strategy_reads_back_equal_in_every_field(uow: UowFactory) -> None:
    strategy = a_strategy(description="two moving averages", parameters={"a": [1, {"b": 2.5}]})
    await stored(uow, strategy)

    found = await read(uow, strategy)

    assert found is not None
    assert asdict(found) == asdict(strategy)


async def test_rule_texts_are_stored_and_revised(uow: UowFactory) -> None:
    strategy = a_strategy(kind="rules", rules={"entry": "close > sma(close, 20)", "exit": "x"})
    await stored(uow, strategy)
    first = await read(uow, strategy)
    strategy.revise(strategy.updated_at + timedelta(seconds=1), rules={"entry": "rsi(14) < 30"})

    async with uow() as tx:
        await tx.strategies.update(strategy)
        await tx.commit()
    revised = await read(uow, strategy)

    assert first is not None
    assert first.rules == {"entry": "close > sma(close, 20)", "exit": "x"}
    assert revised is not None
    assert revised.rules == {"entry": "rsi(14) < 30"}


@pytest.mark.parametrize(
    ("first", "second"),
    [("Breakout", "BREAKOUT"), ("Élan", "éLAN"), ("Straße", "STRASSE"), ("ΣΑΣ", "σας")],
)
async def test_names_that_differ_only_by_case_are_a_conflict(
    uow: UowFactory, first: str, second: str
) -> None:
    owner = uuid.uuid4()
    await stored(uow, a_strategy(owner, name=first))

    with pytest.raises(Conflict, match="already exists"):
        await stored(uow, a_strategy(owner, name=second))

    async with uow() as tx:
        assert await tx.strategies.count(owner) == 1


async def test_the_same_name_is_fine_for_another_owner(uow: UowFactory) -> None:
    mine, theirs = a_strategy(name="Breakout"), a_strategy(name="Breakout")
    assert mine.owner_id != theirs.owner_id

    await stored(uow, mine, theirs)

    found = [await read(uow, strategy) for strategy in (mine, theirs)]
    assert [asdict(s) if s else None for s in found] == [asdict(mine), asdict(theirs)]


async def test_renaming_onto_a_taken_name_is_a_conflict(uow: UowFactory) -> None:
    owner = uuid.uuid4()
    first, second = a_strategy(owner, 1, name="A"), a_strategy(owner, 2, name="B")
    await stored(uow, first, second)
    second.revise(second.updated_at + timedelta(seconds=1), name="a")

    with pytest.raises(Conflict):
        async with uow() as tx:
            await tx.strategies.update(second)
            await tx.commit()

    found = await read(uow, second)
    assert found is not None
    assert found.name == "B"


async def test_renaming_to_another_case_of_its_own_name_is_fine(uow: UowFactory) -> None:
    strategy = a_strategy(name="breakout")
    await stored(uow, strategy)
    strategy.revise(strategy.updated_at + timedelta(seconds=1), name="Breakout", kind="trend")

    async with uow() as tx:
        await tx.strategies.update(strategy)
        await tx.commit()

    found = await read(uow, strategy)
    assert found is not None
    assert (found.name, found.kind, found.updated_at) == ("Breakout", "trend", strategy.updated_at)


async def test_an_update_in_another_owners_name_changes_nothing(uow: UowFactory) -> None:
    strategy = a_strategy(name="mine")
    await stored(uow, strategy)

    async with uow() as tx:
        await tx.strategies.update(a_strategy(id=strategy.id, name="taken over"))
        await tx.commit()

    found = await read(uow, strategy)
    assert found is not None
    assert found.name == "mine"


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
    await stored(uow, *(a_strategy(owner, n) for n in range(5)), a_strategy(uuid.uuid4(), 9))

    async with uow() as tx:
        first = await tx.strategies.list(owner, PageRequest(limit=3))
        assert first.next_cursor is not None
        rest = await tx.strategies.list(owner, PageRequest(limit=3, after=first.next_cursor))
        count = await tx.strategies.count(owner)

    assert [s.name for s in first.items + rest.items] == [f"strategy {n}" for n in (4, 3, 2, 1, 0)]
    assert rest.next_cursor is None
    assert count == 5


async def test_deleting_removes_it_once(uow: UowFactory) -> None:
    strategy = a_strategy()
    await stored(uow, strategy)

    async with uow() as tx:
        assert await tx.strategies.delete(uuid.uuid4(), strategy.id) is False
        assert await tx.strategies.delete(strategy.owner_id, strategy.id) is True
        assert await tx.strategies.delete(strategy.owner_id, strategy.id) is False
        await tx.commit()

    assert await read(uow, strategy) is None
