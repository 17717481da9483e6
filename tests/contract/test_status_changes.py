"""StatusChanges: every implementation wakes a watcher for a committed change of its
backtest's status or its deletion, and for nothing else.

A working implementation wakes at once; WAKE only bounds how long a broken one is waited
for. NOT_WOKEN is how long a watcher is watched to see that nothing woke it.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from datetime import timedelta

import pytest

from adapters.outbound.memory.status_changes import InMemoryStatusChanges
from adapters.outbound.memory.store import InMemoryStore
from adapters.outbound.memory.unit_of_work import InMemoryUnitOfWork
from adapters.outbound.postgres.pool import create_pool
from adapters.outbound.postgres.status_changes import PostgresStatusChanges
from adapters.outbound.postgres.unit_of_work import PostgresUnitOfWork
from core.domain.backtest import Backtest
from core.ports.status_changes import StatusChanges
from core.ports.unit_of_work import UnitOfWork
from tests.support.builders import T0, a_backtest

WAKE = 10.0
NOT_WOKEN = 0.2
LATER = T0 + timedelta(minutes=1)


@dataclass
class Watched:
    """Units of work over one storage, and the status changes of that storage."""

    uow: Callable[[], UnitOfWork]
    changes: StatusChanges


@pytest.fixture(params=["memory", "postgres"])
async def watched(request: pytest.FixtureRequest) -> AsyncIterator[Watched]:
    if request.param == "memory":
        store = InMemoryStore()
        yield Watched(lambda: InMemoryUnitOfWork(store), InMemoryStatusChanges(store))
        return
    url = request.getfixturevalue("database_url")
    pool = await create_pool(url, 1, 2)
    changes = PostgresStatusChanges(url)
    try:
        yield Watched(lambda: PostgresUnitOfWork(pool), changes)
    finally:
        await changes.close()
        await pool.close()


async def a_queued_backtest(watched: Watched) -> Backtest:
    backtest = a_backtest()
    backtest.queue_run(uuid.uuid4(), T0)
    async with watched.uow() as tx:
        await tx.backtests.add(backtest)
        await tx.commit()
    return backtest


async def change(watched: Watched, backtest: Backtest, *, commit: bool = True) -> None:
    """Cancels the queued run: its status becomes cancelled."""
    async with watched.uow() as tx:
        stored = await tx.backtests.lock(backtest.owner_id, backtest.id)
        assert stored is not None
        stored.cancel_run(LATER)
        await tx.backtests.update(stored)
        if commit:
            await tx.commit()


async def test_a_committed_status_change_wakes_its_watcher(watched: Watched) -> None:
    backtest = await a_queued_backtest(watched)

    async with watched.changes.watch(backtest.id) as watch:
        await change(watched, backtest)
        woken = await watch.wait(WAKE)

    assert woken is True


async def test_a_deletion_wakes_its_watcher(watched: Watched) -> None:
    backtest = await a_queued_backtest(watched)

    async with watched.changes.watch(backtest.id) as watch:
        async with watched.uow() as tx:
            await tx.backtests.delete(backtest.owner_id, backtest.id)
            await tx.commit()
        woken = await watch.wait(WAKE)

    assert woken is True


async def test_a_woken_watch_stays_woken(watched: Watched) -> None:
    backtest = await a_queued_backtest(watched)

    async with watched.changes.watch(backtest.id) as watch:
        await change(watched, backtest)
        first = await watch.wait(WAKE)
        again = await watch.wait(0)

    assert (first, again) == (True, True)


async def test_a_rolled_back_status_change_wakes_no_one(watched: Watched) -> None:
    backtest = await a_queued_backtest(watched)

    async with watched.changes.watch(backtest.id) as watch:
        await change(watched, backtest, commit=False)
        woken = await watch.wait(NOT_WOKEN)

    assert woken is False


async def test_a_change_to_another_backtest_wakes_no_one(watched: Watched) -> None:
    backtest = await a_queued_backtest(watched)
    other = await a_queued_backtest(watched)

    async with watched.changes.watch(backtest.id) as watch:
        await change(watched, other)
        woken = await watch.wait(NOT_WOKEN)

    assert woken is False


async def test_a_change_that_leaves_the_status_wakes_no_one(watched: Watched) -> None:
    backtest = await a_queued_backtest(watched)

    async with watched.changes.watch(backtest.id) as watch:
        async with watched.uow() as tx:
            stored = await tx.backtests.lock(backtest.owner_id, backtest.id)
            assert stored is not None
            stored.rename("renamed while queued", LATER)
            await tx.backtests.update(stored)
            await tx.commit()
        woken = await watch.wait(NOT_WOKEN)

    assert woken is False


async def test_every_watcher_of_the_backtest_wakes(watched: Watched) -> None:
    backtest = await a_queued_backtest(watched)

    async with contextlib.AsyncExitStack() as stack:
        watches = [
            await stack.enter_async_context(watched.changes.watch(backtest.id)) for _ in range(3)
        ]
        await change(watched, backtest)
        woken = [await watch.wait(WAKE) for watch in watches]

    assert woken == [True, True, True]


async def test_a_watcher_still_wakes_after_another_of_its_backtest_left(
    watched: Watched,
) -> None:
    backtest = await a_queued_backtest(watched)

    async with watched.changes.watch(backtest.id) as watch:
        async with watched.changes.watch(backtest.id):
            pass
        await change(watched, backtest)
        woken = await watch.wait(WAKE)

    assert woken is True
