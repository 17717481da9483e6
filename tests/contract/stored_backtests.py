"""Storing and reading one backtest back, for the backtest repository's contract suites."""

from __future__ import annotations

from core.domain.backtest import Backtest
from tests.contract.conftest import UowFactory


async def stored(uow: UowFactory, *backtests: Backtest) -> None:
    async with uow() as tx:
        for backtest in backtests:
            await tx.backtests.add(backtest)
        await tx.commit()


async def read(uow: UowFactory, backtest: Backtest) -> Backtest | None:
    async with uow() as tx:
        return await tx.backtests.get(backtest.owner_id, backtest.id)
