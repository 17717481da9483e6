"""BacktestRepository: every implementation, the same behaviour."""

from __future__ import annotations

import uuid
from dataclasses import asdict
from datetime import timedelta, timezone
from decimal import Decimal

import pytest

from core.domain.backtest import BacktestStatus
from core.domain.errors import Conflict, NotFound
from core.domain.pagination import PageRequest
from tests.contract.conftest import UowFactory
from tests.contract.stored_backtests import read, stored
from tests.support.builders import T0, a_backtest, a_strategy, a_trade


async def test_a_backtest_reads_back_equal_in_every_field(uow: UowFactory) -> None:
    backtest = a_backtest(results=None)
    await stored(uow, backtest)

    found = await read(uow, backtest)

    assert found is not None
    assert asdict(found) == asdict(backtest)
    assert found.run is None


async def test_an_update_is_stored(uow: UowFactory) -> None:
    backtest = a_backtest()
    await stored(uow, backtest)
    later = backtest.updated_at + timedelta(minutes=1)
    backtest.start(later)
    backtest.record_results({"sharpe": 1.5, "curve": [1, 2.5]}, later)

    async with uow() as tx:
        await tx.backtests.update(backtest)
        await tx.commit()
    found = await read(uow, backtest)

    assert found is not None
    assert found.status is BacktestStatus.RUNNING
    assert found.results == {"sharpe": 1.5, "curve": [1, 2.5]}
    assert found.updated_at == later


async def test_another_owner_cannot_read_list_or_delete_it(uow: UowFactory) -> None:
    other = uuid.uuid4()
    backtest = a_backtest()
    await stored(uow, backtest)

    async with uow() as tx:
        assert await tx.backtests.get(other, backtest.id) is None
        assert await tx.backtests.delete(other, backtest.id) is False
        assert (await tx.backtests.list(other, PageRequest())).items == []
        assert await tx.backtests.count(other) == 0
        await tx.commit()

    assert await read(uow, backtest) is not None


async def test_an_update_in_another_owners_name_changes_nothing(uow: UowFactory) -> None:
    backtest = a_backtest()
    await stored(uow, backtest)

    async with uow() as tx:
        await tx.backtests.update(a_backtest(id=backtest.id, name="taken over"))
        await tx.backtests.update(a_backtest(backtest.owner_id, name="never added"))
        await tx.commit()
    found = await read(uow, backtest)

    assert found is not None
    assert found.name == backtest.name
    async with uow() as tx:
        assert await tx.backtests.count(backtest.owner_id) == 1


async def test_adding_the_same_id_twice_is_a_conflict(uow: UowFactory) -> None:
    backtest = a_backtest()
    await stored(uow, backtest)

    with pytest.raises(Conflict):
        await stored(uow, a_backtest(backtest.owner_id, id=backtest.id, name="again"))

    found = await read(uow, backtest)
    assert found is not None
    assert found.name == backtest.name


async def test_a_link_to_a_missing_template_is_not_found(uow: UowFactory) -> None:
    backtest = a_backtest(strategy_id=uuid.uuid4())

    with pytest.raises(NotFound):
        await stored(uow, backtest)

    assert await read(uow, backtest) is None


async def test_deleting_a_backtest_deletes_its_trades(uow: UowFactory) -> None:
    backtest, kept = a_backtest(), a_backtest()
    owner = backtest.owner_id
    await stored(uow, backtest, kept)
    async with uow() as tx:
        await tx.trades.add_many([a_trade(owner, backtest.id, n) for n in range(3)])
        await tx.trades.add_many([a_trade(kept.owner_id, kept.id)])
        await tx.commit()

    async with uow() as tx:
        assert await tx.backtests.delete(owner, backtest.id) is True
        await tx.commit()
    async with uow() as tx:
        gone = await tx.trades.list_for_backtest(owner, backtest.id, PageRequest())
        other = await tx.trades.list_for_backtest(kept.owner_id, kept.id, PageRequest())
        assert await tx.backtests.delete(owner, backtest.id) is False

    assert gone.items == []
    assert len(other.items) == 1


async def test_deleting_a_template_unlinks_its_backtests(uow: UowFactory) -> None:
    owner = uuid.uuid4()
    template = a_strategy(owner)
    backtest = a_backtest(owner, strategy_id=template.id)
    async with uow() as tx:
        await tx.strategies.add(template)
        await tx.backtests.add(backtest)
        await tx.commit()

    async with uow() as tx:
        await tx.strategies.delete(owner, template.id)
        await tx.commit()
    found = await read(uow, backtest)

    assert found is not None
    assert found.definition.strategy_id is None
    assert found.definition.parameters == backtest.definition.parameters
    assert found.updated_at == backtest.updated_at


async def test_values_come_back_as_postgresql_keeps_them(uow: UowFactory) -> None:
    plus_two = timezone(timedelta(hours=2))
    backtest = a_backtest(
        initial_capital=Decimal("2.5E+3"),
        parameters={"pair": (1, 2), "x": {"1": None}},
        created_at=T0.astimezone(plus_two),
        updated_at=T0.astimezone(plus_two),
    )
    await stored(uow, backtest)

    found = await read(uow, backtest)

    assert found is not None
    assert str(found.definition.initial_capital) == "2500"
    assert found.definition.parameters == {"pair": [1, 2], "x": {"1": None}}
    assert found.created_at == T0
    assert found.created_at.utcoffset() == timedelta(0)
