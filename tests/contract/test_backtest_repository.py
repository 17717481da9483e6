"""BacktestRepository: every implementation, the same behaviour."""

from __future__ import annotations

import asyncio
import uuid
from dataclasses import asdict
from datetime import timedelta, timezone
from decimal import Decimal

import pytest

from core.domain.backtest import Backtest, BacktestStatus, RunState
from core.domain.errors import Conflict, NotFound
from core.domain.pagination import PageRequest
from core.domain.values import Symbol
from tests.contract.conftest import Storage, UowFactory, until_one_waits
from tests.support.builders import T0, a_backtest, a_strategy, a_trade


async def stored(uow: UowFactory, *backtests: Backtest) -> None:
    async with uow() as tx:
        for backtest in backtests:
            await tx.backtests.add(backtest)
        await tx.commit()


async def read(uow: UowFactory, backtest: Backtest) -> Backtest | None:
    async with uow() as tx:
        return await tx.backtests.get(backtest.owner_id, backtest.id)


async def test_a_backtest_reads_back_equal_in_every_field(uow: UowFactory) -> None:
    backtest = a_backtest(results=None)
    await stored(uow, backtest)

    found = await read(uow, backtest)

    assert found is not None
    assert asdict(found) == asdict(backtest)
    assert found.run is None


async def test_execution_settings_and_the_run_state_read_back_equal(uow: UowFactory) -> None:
    backtest = a_backtest(
        execution={"commission": 0.001, "sizing": {"kind": "fraction", "value": 0.5}},
        status=BacktestStatus.RUNNING,
        run=RunState(uuid.uuid4(), 0.375, "a worker died once", True, 2),
    )
    await stored(uow, backtest)

    found = await read(uow, backtest)

    assert found is not None
    assert asdict(found) == asdict(backtest)


async def test_a_run_moving_through_its_states_is_stored_by_updates(uow: UowFactory) -> None:
    backtest = a_backtest()
    await stored(uow, backtest)
    run_id, later = uuid.uuid4(), backtest.updated_at + timedelta(minutes=1)
    seen = []

    for step in (
        lambda: backtest.queue_run(run_id, later),
        lambda: backtest.start_run(run_id, later),
        lambda: backtest.report_progress(run_id, 0.5, later),
        lambda: backtest.fail_run(run_id, "no market data", later),
        lambda: backtest.requeue(later),
    ):
        step()
        async with uow() as tx:
            await tx.backtests.update(backtest)
            await tx.commit()
        found = await read(uow, backtest)
        assert found is not None
        seen.append((found.status, found.run))

    assert seen == [
        (BacktestStatus.QUEUED, RunState(run_id)),
        (BacktestStatus.RUNNING, RunState(run_id, attempts=1)),
        (BacktestStatus.RUNNING, RunState(run_id, 0.5, attempts=1)),
        (BacktestStatus.FAILED, RunState(run_id, 0.5, "no market data", attempts=1)),
        (BacktestStatus.PENDING, None),
    ]


async def test_a_lock_reads_the_owners_backtest_only(uow: UowFactory) -> None:
    backtest = a_backtest()
    await stored(uow, backtest)

    async with uow() as tx:
        mine = await tx.backtests.lock(backtest.owner_id, backtest.id)
        theirs = await tx.backtests.lock(uuid.uuid4(), backtest.id)
        missing = await tx.backtests.lock(backtest.owner_id, uuid.uuid4())

    assert mine is not None
    assert asdict(mine) == asdict(backtest)
    assert (theirs, missing) == (None, None)


async def test_a_locked_backtest_blocks_a_concurrent_writer_until_commit(uow: Storage) -> None:
    backtest = a_backtest(name="before")
    await stored(uow, backtest)
    owner, seen_by_the_second = backtest.owner_id, []

    async def second_writer() -> None:
        async with uow() as tx:
            found = await tx.backtests.lock(owner, backtest.id)
            assert found is not None
            seen_by_the_second.append(found.name)
            found.rename(f"{found.name}, then second", T0)
            await tx.backtests.update(found)
            await tx.commit()

    async with uow() as tx:
        first = await tx.backtests.lock(owner, backtest.id)
        assert first is not None
        second = asyncio.create_task(second_writer())
        await until_one_waits(uow)
        first.rename("first", T0)
        await tx.backtests.update(first)
        await tx.commit()
    await second

    assert seen_by_the_second == ["first"]
    found = await read(uow, backtest)
    assert found is not None
    assert found.name == "first, then second"


async def test_active_runs_are_the_owners_queued_or_running_runs(uow: UowFactory) -> None:
    owner = uuid.uuid4()

    def with_run(status: BacktestStatus, n: int, of: uuid.UUID = owner) -> Backtest:
        return a_backtest(of, n, status=status, run=RunState(uuid.uuid4()))

    await stored(
        uow,
        with_run(BacktestStatus.QUEUED, 1),
        with_run(BacktestStatus.RUNNING, 2),
        a_backtest(owner, 3, status=BacktestStatus.RUNNING),  # recorded by a client
        with_run(BacktestStatus.COMPLETED, 4),
        with_run(BacktestStatus.CANCELLED, 5),
        a_backtest(owner, 6),
        with_run(BacktestStatus.QUEUED, 7, of=uuid.uuid4()),
    )

    async with uow() as tx:
        assert await tx.backtests.count_active_runs(owner) == 2
        assert await tx.backtests.count_active_runs(uuid.uuid4()) == 0


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
