"""WaitForBacktest over the in-memory adapters: it answers when the status changes, when the
allowed wait is over, or at once when there is nothing to wait for.

Where a change must end the wait, the wait allowed and the re-reads are LONG, so only the
change's notice can end it; WAKE bounds how long a broken implementation is waited for.
"""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

import pytest

from adapters.outbound.memory.status_changes import InMemoryStatusChanges
from adapters.outbound.memory.store import InMemoryStore
from adapters.outbound.memory.unit_of_work import InMemoryUnitOfWork
from core.domain.backtest import Backtest, BacktestStatus
from core.domain.errors import BacktestNotFound
from core.ports.status_changes import StatusChanges
from core.use_cases.backtests import wait_for_backtest
from core.use_cases.backtests.wait_for_backtest import WaitForBacktest, WaitForBacktestQuery
from tests.support.builders import T0, a_backtest
from tests.support.status_changes import Deaf, Observed, until_waiting

LONG = 600
WAKE = 10.0


@pytest.fixture
def store() -> InMemoryStore:
    return InMemoryStore()


@pytest.fixture
def observed(store: InMemoryStore) -> Observed:
    return Observed(InMemoryStatusChanges(store))


@pytest.fixture
def rare_rereads(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(wait_for_backtest, "RECHECK_SECONDS", LONG)


def waiting_for(store: InMemoryStore, changes: StatusChanges, cap: int = LONG) -> WaitForBacktest:
    return WaitForBacktest(lambda: InMemoryUnitOfWork(store), changes, cap)


async def stored(store: InMemoryStore, queued: bool = True) -> Backtest:
    backtest = a_backtest()
    if queued:
        backtest.queue_run(uuid.uuid4(), T0)
    async with InMemoryUnitOfWork(store) as tx:
        await tx.backtests.add(backtest)
        await tx.commit()
    return backtest


async def cancel(store: InMemoryStore, backtest: Backtest) -> None:
    async with InMemoryUnitOfWork(store) as tx:
        found = await tx.backtests.lock(backtest.owner_id, backtest.id)
        assert found is not None
        found.cancel_run(T0)
        await tx.backtests.update(found)
        await tx.commit()


async def start(store: InMemoryStore, backtest: Backtest) -> None:
    assert backtest.run is not None
    async with InMemoryUnitOfWork(store) as tx:
        found = await tx.backtests.lock(backtest.owner_id, backtest.id)
        assert found is not None
        assert found.start_run(backtest.run.run_id, T0)
        await tx.backtests.update(found)
        await tx.commit()


def query(backtest: Backtest, seconds: int) -> WaitForBacktestQuery:
    return WaitForBacktestQuery(backtest.owner_id, backtest.id, seconds)


@pytest.mark.usefixtures("rare_rereads")
@pytest.mark.parametrize(
    ("move", "status"), [(start, BacktestStatus.RUNNING), (cancel, BacktestStatus.CANCELLED)]
)
async def test_a_queued_backtest_is_answered_once_its_status_changes(
    store: InMemoryStore, observed: Observed, move: Any, status: BacktestStatus
) -> None:
    backtest = await stored(store)

    answer = asyncio.ensure_future(waiting_for(store, observed)(query(backtest, LONG)))
    await until_waiting(observed.waiting, answer)
    await move(store, backtest)
    async with asyncio.timeout(WAKE):
        awaited = await answer

    assert awaited.backtest.status is status
    assert awaited.allowed_seconds == LONG


async def test_a_backtest_that_stays_queued_is_answered_as_it_is_after_the_cap(
    store: InMemoryStore, observed: Observed
) -> None:
    backtest = await stored(store)

    awaited = await waiting_for(store, observed, cap=1)(query(backtest, 600))

    assert awaited.backtest.status is BacktestStatus.QUEUED
    assert awaited.allowed_seconds == 1


@pytest.mark.parametrize(("queued", "seconds"), [(False, 10), (True, 0)])
async def test_nothing_to_wait_for_is_answered_at_once(
    store: InMemoryStore, observed: Observed, queued: bool, seconds: int
) -> None:
    backtest = await stored(store, queued=queued)

    awaited = await waiting_for(store, observed)(query(backtest, seconds))

    assert awaited.backtest == backtest
    assert awaited.allowed_seconds is None
    assert not observed.waiting.is_set()


async def test_someone_elses_backtest_is_not_found_without_waiting(
    store: InMemoryStore, observed: Observed
) -> None:
    backtest = await stored(store)
    stranger = WaitForBacktestQuery(uuid.uuid4(), backtest.id, 10)

    with pytest.raises(BacktestNotFound):
        await waiting_for(store, observed)(stranger)
    assert not observed.waiting.is_set()


@pytest.mark.usefixtures("rare_rereads")
async def test_a_backtest_deleted_while_waited_for_is_not_found(
    store: InMemoryStore, observed: Observed
) -> None:
    backtest = await stored(store)

    answer = asyncio.ensure_future(waiting_for(store, observed)(query(backtest, LONG)))
    await until_waiting(observed.waiting, answer)
    async with InMemoryUnitOfWork(store) as tx:
        await tx.backtests.delete(backtest.owner_id, backtest.id)
        await tx.commit()

    with pytest.raises(BacktestNotFound):
        async with asyncio.timeout(WAKE):
            await answer


async def test_a_change_whose_notice_is_lost_is_seen_at_the_next_read(
    store: InMemoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(wait_for_backtest, "RECHECK_SECONDS", 0.05)
    deaf = Deaf()
    backtest = await stored(store)

    answer = asyncio.ensure_future(waiting_for(store, deaf)(query(backtest, LONG)))
    await until_waiting(deaf.waiting, answer)
    await start(store, backtest)
    async with asyncio.timeout(WAKE):
        awaited = await answer

    assert awaited.backtest.status is BacktestStatus.RUNNING
