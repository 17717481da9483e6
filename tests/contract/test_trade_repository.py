from __future__ import annotations

import uuid
from dataclasses import asdict, replace
from decimal import Decimal

import pytest

from core.domain.pagination import PageRequest
from tests.contract.conftest import UowFactory
from tests.support.builders import a_backtest, a_trade


async def a_stored_backtest(uow: UowFactory, owner: uuid.UUID) -> uuid.UUID:
    backtest = a_backtest(owner)
    async with uow() as tx:
        await tx.backtests.add(backtest)
        await tx.commit()
    return backtest.id


async def test_trades_read_back_equal_in_every_field(uow: UowFactory) -> None:
    owner = uuid.uuid4()
    backtest_id = await a_stored_backtest(uow, owner)
    closed = a_trade(owner, backtest_id, 1, pnl=Decimal("-2.125"))
    still_open = a_trade(owner, backtest_id, 2, exit_time=None, exit_price=None, notes=None)

    async with uow() as tx:
        await tx.trades.add_many([closed, still_open])
        await tx.commit()
    async with uow() as tx:
        page = await tx.trades.list_for_backtest(owner, backtest_id, PageRequest())

    assert [asdict(t) for t in page.items] == [asdict(closed), asdict(still_open)]


async def test_trades_page_in_time_order_without_gaps(uow: UowFactory) -> None:
    owner = uuid.uuid4()
    backtest_id = await a_stored_backtest(uow, owner)
    trades = [a_trade(owner, backtest_id, n) for n in (5, 1, 9, 3, 7, 2, 8)]
    trades.append(replace(a_trade(owner, backtest_id, 3), id=uuid.uuid4()))
    async with uow() as tx:
        await tx.trades.add_many(trades)
        await tx.commit()

    seen = []
    request = PageRequest(limit=3)
    async with uow() as tx:
        while True:
            page = await tx.trades.list_for_backtest(owner, backtest_id, request)
            seen += page.items
            if page.next_cursor is None:
                break
            request = PageRequest(limit=3, after=page.next_cursor)

    assert len(seen) == len(trades)
    keys = [(t.entry_time, t.id) for t in seen]
    assert keys == sorted(keys)


async def test_another_owner_sees_no_trades(uow: UowFactory) -> None:
    owner = uuid.uuid4()
    backtest_id = await a_stored_backtest(uow, owner)
    async with uow() as tx:
        await tx.trades.add_many([a_trade(owner, backtest_id)])
        await tx.commit()

    async with uow() as tx:
        page = await tx.trades.list_for_backtest(uuid.uuid4(), backtest_id, PageRequest())

    assert page.items == []


async def test_a_batch_that_is_not_committed_leaves_nothing(uow: UowFactory) -> None:
    owner = uuid.uuid4()
    backtest_id = await a_stored_backtest(uow, owner)

    with pytest.raises(RuntimeError):
        async with uow() as tx:
            await tx.trades.add_many([a_trade(owner, backtest_id, n) for n in range(5)])
            raise RuntimeError("the use case failed half way")
    async with uow() as tx:
        page = await tx.trades.list_for_backtest(owner, backtest_id, PageRequest())

    assert page.items == []
