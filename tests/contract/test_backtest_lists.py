"""BacktestRepository's lists: pages newest first, filters by status and symbol."""

from __future__ import annotations

import uuid

from core.domain.backtest import BacktestStatus
from core.domain.pagination import PageRequest
from core.domain.values import Symbol
from tests.contract.conftest import UowFactory
from tests.contract.stored_backtests import stored
from tests.support.builders import a_backtest


async def test_pages_cover_every_backtest_once_newest_first(uow: UowFactory) -> None:
    owner = uuid.uuid4()
    backtests = [a_backtest(owner, n) for n in range(11)]
    # Two with the same creation time: the id breaks the tie without losing either.
    backtests.append(a_backtest(owner, 5))
    await stored(uow, *backtests, a_backtest(uuid.uuid4(), 3))

    seen = []
    request = PageRequest(limit=4)
    async with uow() as tx:
        while True:
            page = await tx.backtests.list(owner, request)
            seen += page.items
            if page.next_cursor is None:
                break
            assert page.next_cursor.id == page.items[-1].id
            request = PageRequest(limit=4, after=page.next_cursor)

    assert sorted(b.id for b in seen) == sorted(b.id for b in backtests)
    assert len(seen) == len(backtests)
    keys = [(b.created_at, b.id) for b in seen]
    assert keys == sorted(keys, reverse=True)


async def test_a_full_last_page_has_no_cursor(uow: UowFactory) -> None:
    owner = uuid.uuid4()
    await stored(uow, *(a_backtest(owner, n) for n in range(4)))

    async with uow() as tx:
        first = await tx.backtests.list(owner, PageRequest(limit=2))
        assert first.next_cursor is not None
        last = await tx.backtests.list(owner, PageRequest(limit=2, after=first.next_cursor))

    assert len(last.items) == 2
    assert last.next_cursor is None


async def test_the_list_filters_by_status_and_symbol(uow: UowFactory) -> None:
    owner = uuid.uuid4()
    btc, eth = a_backtest(owner, 1, symbol="BTC"), a_backtest(owner, 2, symbol="ETH")
    btc.start(btc.updated_at)
    await stored(uow, btc, eth)

    async with uow() as tx:
        running = await tx.backtests.list(owner, PageRequest(), status=BacktestStatus.RUNNING)
        ethereum = await tx.backtests.list(owner, PageRequest(), symbol=Symbol("ETH"))
        both = await tx.backtests.list(
            owner, PageRequest(), status=BacktestStatus.PENDING, symbol=Symbol("ETH")
        )

    assert [b.id for b in running.items] == [btc.id]
    assert [b.id for b in ethereum.items] == [eth.id]
    assert [b.id for b in both.items] == [eth.id]
