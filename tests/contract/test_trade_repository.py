"""TradeRepository: every implementation, the same behaviour."""

from __future__ import annotations

import uuid
from dataclasses import asdict, replace
from datetime import timedelta, timezone
from decimal import Decimal

import pytest

from core.domain.errors import Conflict, NotFound
from core.domain.pagination import PageRequest
from core.domain.trade import Trade, TradeSource
from tests.contract.conftest import UowFactory
from tests.contract.stored_backtests import a_stored_backtest
from tests.support.builders import T0, a_trade


async def trades_of(uow: UowFactory, owner: uuid.UUID, backtest_id: uuid.UUID) -> list[Trade]:
    async with uow() as tx:
        return (await tx.trades.list_for_backtest(owner, backtest_id, PageRequest())).items


async def test_trades_read_back_equal_in_every_field(uow: UowFactory) -> None:
    owner = uuid.uuid4()
    backtest_id = await a_stored_backtest(uow, owner)
    closed = a_trade(owner, backtest_id, 1, pnl=Decimal("-2.125"))
    still_open = a_trade(owner, backtest_id, 2, exit_time=None, exit_price=None, notes=None)

    async with uow() as tx:
        await tx.trades.add_many([closed, still_open])
        await tx.commit()

    assert [asdict(t) for t in await trades_of(uow, owner, backtest_id)] == [
        asdict(closed),
        asdict(still_open),
    ]


async def test_engine_trades_read_back_with_their_details(uow: UowFactory) -> None:
    owner = uuid.uuid4()
    backtest_id = await a_stored_backtest(uow, owner)
    trade = a_trade(
        owner,
        backtest_id,
        source=TradeSource.ENGINE,
        details={"bars": 12, "return": -0.0125, "mae": 0.5, "exit_reason": "stop_loss"},
    )

    async with uow() as tx:
        await tx.trades.add_many([trade])
        await tx.commit()

    [found] = await trades_of(uow, owner, backtest_id)
    assert asdict(found) == asdict(trade)
    assert found.source is TradeSource.ENGINE


async def test_deleting_engine_trades_leaves_manual_ones_and_other_backtests(
    uow: UowFactory,
) -> None:
    owner = uuid.uuid4()
    backtest_id, other_id = await a_stored_backtest(uow, owner), await a_stored_backtest(uow, owner)
    manual = [a_trade(owner, backtest_id, n) for n in range(2)]
    engine = [a_trade(owner, backtest_id, n, source=TradeSource.ENGINE) for n in range(3)]
    elsewhere = a_trade(owner, other_id, source=TradeSource.ENGINE)
    async with uow() as tx:
        await tx.trades.add_many([*manual, *engine, elsewhere])
        await tx.commit()

    async with uow() as tx:
        by_a_stranger = await tx.trades.delete_engine_trades(uuid.uuid4(), backtest_id)
        deleted = await tx.trades.delete_engine_trades(owner, backtest_id)
        again = await tx.trades.delete_engine_trades(owner, backtest_id)
        await tx.commit()

    assert (by_a_stranger, deleted, again) == (0, 3, 0)
    assert {t.id for t in await trades_of(uow, owner, backtest_id)} == {t.id for t in manual}
    assert [t.id for t in await trades_of(uow, owner, other_id)] == [elsewhere.id]


async def test_trades_page_in_time_order_without_gaps(uow: UowFactory) -> None:
    owner = uuid.uuid4()
    backtest_id = await a_stored_backtest(uow, owner)
    trades = [a_trade(owner, backtest_id, n) for n in (5, 1, 9, 3, 7, 2, 8)]
    # The same entry time twice: the id breaks the tie.
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
            assert page.next_cursor.at == page.items[-1].entry_time
            request = PageRequest(limit=3, after=page.next_cursor)

    assert sorted(t.id for t in seen) == sorted(t.id for t in trades)
    keys = [(t.entry_time, t.id) for t in seen]
    assert keys == sorted(keys)
    assert len(set(keys)) == len(trades)


async def test_another_owner_sees_no_trades(uow: UowFactory) -> None:
    owner = uuid.uuid4()
    backtest_id = await a_stored_backtest(uow, owner)
    async with uow() as tx:
        await tx.trades.add_many([a_trade(owner, backtest_id)])
        await tx.commit()

    assert await trades_of(uow, uuid.uuid4(), backtest_id) == []


async def test_a_batch_with_one_trade_of_a_missing_backtest_stores_none(uow: UowFactory) -> None:
    owner = uuid.uuid4()
    backtest_id = await a_stored_backtest(uow, owner)
    batch = [a_trade(owner, backtest_id, n) for n in range(3)]
    batch.append(a_trade(owner, uuid.uuid4()))

    with pytest.raises(NotFound):
        async with uow() as tx:
            await tx.trades.add_many(batch)
            await tx.commit()

    assert await trades_of(uow, owner, backtest_id) == []


async def test_a_batch_repeating_an_id_is_a_conflict_and_stores_none(uow: UowFactory) -> None:
    owner = uuid.uuid4()
    backtest_id = await a_stored_backtest(uow, owner)
    first = a_trade(owner, backtest_id, 1)
    async with uow() as tx:
        await tx.trades.add_many([first])
        await tx.commit()

    with pytest.raises(Conflict):
        async with uow() as tx:
            await tx.trades.add_many([a_trade(owner, backtest_id, 2), first])
            await tx.commit()

    assert [t.id for t in await trades_of(uow, owner, backtest_id)] == [first.id]


async def test_a_batch_that_is_not_committed_leaves_nothing(uow: UowFactory) -> None:
    owner = uuid.uuid4()
    backtest_id = await a_stored_backtest(uow, owner)

    with pytest.raises(RuntimeError, match="half way"):
        async with uow() as tx:
            await tx.trades.add_many([a_trade(owner, backtest_id, n) for n in range(5)])
            raise RuntimeError("the use case failed half way")

    assert await trades_of(uow, owner, backtest_id) == []


async def test_an_empty_batch_is_fine(uow: UowFactory) -> None:
    async with uow() as tx:
        await tx.trades.add_many([])
        await tx.commit()


async def test_times_come_back_in_utc(uow: UowFactory) -> None:
    owner = uuid.uuid4()
    backtest_id = await a_stored_backtest(uow, owner)
    new_york = timezone(timedelta(hours=-5))
    trade = a_trade(owner, backtest_id, entry_time=T0.astimezone(new_york))
    async with uow() as tx:
        await tx.trades.add_many([trade])
        await tx.commit()

    [found] = await trades_of(uow, owner, backtest_id)

    assert found.entry_time == T0
    assert found.entry_time.utcoffset() == timedelta(0)
    assert found.exit_time is not None
    assert found.exit_time.utcoffset() == timedelta(0)
