"""BacktestResultRepository: every implementation, the same behaviour."""

from __future__ import annotations

import uuid
from dataclasses import asdict

import pytest

from core.domain.errors import NotFound
from tests.contract.conftest import UowFactory
from tests.contract.stored_backtests import a_stored_backtest
from tests.contract.stored_results import put, read
from tests.support.builders import a_result


async def test_a_later_result_replaces_the_earlier_one(uow: UowFactory) -> None:
    owner = uuid.uuid4()
    backtest_id = await a_stored_backtest(uow, owner)
    await put(uow, a_result(owner, backtest_id, bars=5))
    later = a_result(owner, backtest_id, bars=2, statistics={"trades": 0}, engine="builtin 1.1")

    await put(uow, later)

    found = await read(uow, owner, backtest_id)
    assert found is not None
    assert asdict(found) == asdict(later)


async def test_another_owner_can_neither_read_delete_nor_write_it(uow: UowFactory) -> None:
    owner, stranger = uuid.uuid4(), uuid.uuid4()
    backtest_id = await a_stored_backtest(uow, owner)
    result = a_result(owner, backtest_id)
    await put(uow, result)

    async with uow() as tx:
        assert await tx.results.get(stranger, backtest_id) is None
        await tx.results.delete(stranger, backtest_id)
        with pytest.raises(NotFound):
            await tx.results.put(a_result(stranger, backtest_id))
        await tx.commit()

    found = await read(uow, owner, backtest_id)
    assert found is not None
    assert found.run_id == result.run_id


async def test_a_result_for_a_missing_backtest_is_not_found(uow: UowFactory) -> None:
    owner, backtest_id = uuid.uuid4(), uuid.uuid4()

    with pytest.raises(NotFound):
        await put(uow, a_result(owner, backtest_id))

    assert await read(uow, owner, backtest_id) is None


async def test_a_deleted_result_is_gone_and_deleting_again_is_fine(uow: UowFactory) -> None:
    owner = uuid.uuid4()
    backtest_id = await a_stored_backtest(uow, owner)
    await put(uow, a_result(owner, backtest_id))

    async with uow() as tx:
        await tx.results.delete(owner, backtest_id)
        await tx.results.delete(owner, backtest_id)
        await tx.commit()

    assert await read(uow, owner, backtest_id) is None


async def test_deleting_a_backtest_deletes_its_result(uow: UowFactory) -> None:
    owner = uuid.uuid4()
    backtest_id, kept_id = await a_stored_backtest(uow, owner), await a_stored_backtest(uow, owner)
    await put(uow, a_result(owner, backtest_id))
    await put(uow, a_result(owner, kept_id))

    async with uow() as tx:
        await tx.backtests.delete(owner, backtest_id)
        await tx.commit()

    assert await read(uow, owner, backtest_id) is None
    assert await read(uow, owner, kept_id) is not None


async def test_a_result_that_is_not_committed_leaves_nothing(uow: UowFactory) -> None:
    owner = uuid.uuid4()
    backtest_id = await a_stored_backtest(uow, owner)

    async with uow() as tx:
        await tx.results.put(a_result(owner, backtest_id))

    assert await read(uow, owner, backtest_id) is None


async def test_a_read_does_not_hand_out_the_stored_result(uow: UowFactory) -> None:
    owner = uuid.uuid4()
    backtest_id = await a_stored_backtest(uow, owner)
    await put(uow, a_result(owner, backtest_id))

    async with uow() as tx:
        found = await tx.results.get(owner, backtest_id)
        assert found is not None
        found.statistics["trades"] = 99
        assert isinstance(found.equity, list)
        found.equity.append(0.0)
        await tx.commit()
    again = await read(uow, owner, backtest_id)

    assert again is not None
    assert again.statistics["trades"] == 2
    assert len(again.equity) == 3
