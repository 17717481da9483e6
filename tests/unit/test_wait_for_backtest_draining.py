"""WaitForBacktest on a stopping server: held waits answer at once, and no new one begins.

A Deaf StatusChanges hears nothing and the re-reads are LONG apart, so only draining can
end these waits; WAKE bounds how long a broken implementation is waited for.
"""

from __future__ import annotations

import asyncio

import pytest

from adapters.outbound.memory.store import InMemoryStore
from adapters.outbound.memory.unit_of_work import InMemoryUnitOfWork
from core.domain.backtest import BacktestStatus
from core.use_cases.backtests import wait_for_backtest
from core.use_cases.backtests.wait_for_backtest import WaitForBacktest
from tests.support.status_changes import Deaf, until_waiting
from tests.unit.test_wait_for_backtest import LONG, WAKE, query, stored


@pytest.fixture(autouse=True)
def rare_rereads(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(wait_for_backtest, "RECHECK_SECONDS", LONG)


def draining_wait(store: InMemoryStore, deaf: Deaf, draining: asyncio.Event) -> WaitForBacktest:
    return WaitForBacktest(lambda: InMemoryUnitOfWork(store), deaf, LONG, draining)


async def test_a_held_wait_answers_as_things_stand_once_the_server_drains() -> None:
    store, deaf, draining = InMemoryStore(), Deaf(), asyncio.Event()
    backtest = await stored(store)

    answer = asyncio.ensure_future(draining_wait(store, deaf, draining)(query(backtest, LONG)))
    await until_waiting(deaf.waiting, answer)
    draining.set()
    async with asyncio.timeout(WAKE):
        awaited = await answer

    assert awaited.backtest.status is BacktestStatus.QUEUED
    assert awaited.allowed_seconds == LONG


async def test_no_wait_begins_while_the_server_drains() -> None:
    store, deaf, draining = InMemoryStore(), Deaf(), asyncio.Event()
    backtest = await stored(store)
    draining.set()

    async with asyncio.timeout(WAKE):
        awaited = await draining_wait(store, deaf, draining)(query(backtest, LONG))

    assert awaited.backtest.status is BacktestStatus.QUEUED
    assert awaited.allowed_seconds is None
    assert not deaf.waiting.is_set()
