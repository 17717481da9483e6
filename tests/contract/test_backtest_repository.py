from __future__ import annotations

import uuid
from datetime import timedelta

from core.domain.backtest import BacktestStatus
from core.domain.pagination import PageRequest
from core.domain.values import Symbol
from tests.contract.conftest import UowFactory
from tests.support.builders import a_backtest, a_strategy, a_trade


async def test_a_backtest_reads_back_equal_in_every_field(uow: UowFactory) -> None:
    owner = uuid.uuid4()
    backtest = a_backtest(owner, results=None)
    async with uow() as tx:
        await tx.backtests.add(backtest)
        await tx.commit()

    async with uow() as tx:
        stored = await tx.backtests.get(owner, backtest.id)

    assert stored is not None
    assert vars_of(stored) == vars_of(backtest)


async def test_an_update_is_stored(uow: UowFactory) -> None:
    owner = uuid.uuid4()
    backtest = a_backtest(owner)
    async with uow() as tx:
        await tx.backtests.add(backtest)
        await tx.commit()
    later = backtest.updated_at + timedelta(minutes=1)
    backtest.move_to(BacktestStatus.RUNNING, later)
    backtest.record_results({"sharpe": 1.5, "curve": [1, 2.5]}, later)

    async with uow() as tx:
        await tx.backtests.update(backtest)
        await tx.commit()
    async with uow() as tx:
        stored = await tx.backtests.get(owner, backtest.id)

    assert stored is not None
    assert stored.status is BacktestStatus.RUNNING
    assert stored.results == {"sharpe": 1.5, "curve": [1, 2.5]}
    assert stored.updated_at == later


async def test_another_owner_cannot_read_or_delete_it(uow: UowFactory) -> None:
    owner, other = uuid.uuid4(), uuid.uuid4()
    backtest = a_backtest(owner)
    async with uow() as tx:
        await tx.backtests.add(backtest)
        await tx.commit()

    async with uow() as tx:
        assert await tx.backtests.get(other, backtest.id) is None
        assert await tx.backtests.delete(other, backtest.id) is False
        await tx.commit()
    async with uow() as tx:
        assert await tx.backtests.get(owner, backtest.id) is not None
        assert await tx.backtests.count(other) == 0


async def test_pages_cover_every_backtest_once_newest_first(uow: UowFactory) -> None:
    owner = uuid.uuid4()
    backtests = [a_backtest(owner, n) for n in range(11)]
    # Two with the same creation time: the id breaks the tie without losing either.
    backtests.append(a_backtest(owner, 5))
    async with uow() as tx:
        for backtest in backtests:
            await tx.backtests.add(backtest)
        await tx.commit()

    seen = []
    request = PageRequest(limit=4)
    async with uow() as tx:
        while True:
            page = await tx.backtests.list(owner, request)
            seen += page.items
            if page.next_cursor is None:
                break
            request = PageRequest(limit=4, after=page.next_cursor)

    assert sorted(b.id for b in seen) == sorted(b.id for b in backtests)
    assert len(seen) == len(backtests)
    keys = [(b.created_at, b.id) for b in seen]
    assert keys == sorted(keys, reverse=True)


async def test_the_list_filters_by_status_and_symbol(uow: UowFactory) -> None:
    owner = uuid.uuid4()
    btc, eth = a_backtest(owner, 1, symbol="BTC"), a_backtest(owner, 2, symbol="ETH")
    btc.move_to(BacktestStatus.RUNNING, btc.updated_at)
    async with uow() as tx:
        await tx.backtests.add(btc)
        await tx.backtests.add(eth)
        await tx.commit()

    async with uow() as tx:
        running = await tx.backtests.list(owner, PageRequest(), status=BacktestStatus.RUNNING)
        ethereum = await tx.backtests.list(owner, PageRequest(), symbol=Symbol("ETH"))

    assert [b.id for b in running.items] == [btc.id]
    assert [b.id for b in ethereum.items] == [eth.id]


async def test_deleting_a_backtest_deletes_its_trades(uow: UowFactory) -> None:
    owner = uuid.uuid4()
    backtest = a_backtest(owner)
    async with uow() as tx:
        await tx.backtests.add(backtest)
        await tx.trades.add_many([a_trade(owner, backtest.id, n) for n in range(3)])
        await tx.commit()

    async with uow() as tx:
        assert await tx.backtests.delete(owner, backtest.id) is True
        await tx.commit()
    async with uow() as tx:
        page = await tx.trades.list_for_backtest(owner, backtest.id, PageRequest())

    assert page.items == []


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
    async with uow() as tx:
        stored = await tx.backtests.get(owner, backtest.id)

    assert stored is not None
    assert stored.definition.strategy_id is None
    assert stored.definition.parameters == backtest.definition.parameters


def vars_of(backtest: object) -> dict[str, object]:
    return {name: getattr(backtest, name) for name in backtest.__slots__}  # type: ignore[attr-defined]
