"""Storing and reading one backtest result back, for the result repository's contract suites."""

from __future__ import annotations

import uuid

from core.domain.backtest_result import BacktestResult
from tests.contract.conftest import UowFactory


async def put(uow: UowFactory, result: BacktestResult) -> None:
    async with uow() as tx:
        await tx.results.put(result)
        await tx.commit()


async def read(uow: UowFactory, owner: uuid.UUID, backtest_id: uuid.UUID) -> BacktestResult | None:
    async with uow() as tx:
        return await tx.results.get(owner, backtest_id)
