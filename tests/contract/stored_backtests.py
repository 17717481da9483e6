"""Storing and reading one backtest back, for the backtest repository's contract suites."""

from __future__ import annotations

import uuid

from core.domain.backtest import Backtest
from tests.contract.conftest import UowFactory
from tests.support.builders import a_backtest


async def stored(uow: UowFactory, *backtests: Backtest) -> None:
    async with uow() as tx:
        for backtest in backtests:
            await tx.backtests.add(backtest)
        await tx.commit()


async def read(uow: UowFactory, backtest: Backtest) -> Backtest | None:
    async with uow() as tx:
        return await tx.backtests.get(backtest.owner_id, backtest.id)


async def a_stored_backtest(uow: UowFactory, owner: uuid.UUID) -> uuid.UUID:
    """A new backtest of `owner`, committed; its id."""
    backtest = a_backtest(owner)
    await stored(uow, backtest)
    return backtest.id
