"""BacktestRepository and a backtest's run: its state, locks and the count of active runs."""

from __future__ import annotations

import asyncio
import uuid
from dataclasses import asdict
from datetime import timedelta

from core.domain.backtest import Backtest, BacktestStatus, RunState
from tests.contract.conftest import Storage, UowFactory, until_one_waits
from tests.contract.stored_backtests import read, stored
from tests.support.builders import T0, a_backtest


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
