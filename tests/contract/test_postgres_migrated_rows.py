"""Rows stored under an older schema come through later migrations as the new code expects."""

from __future__ import annotations

import uuid

import pytest

from adapters.outbound.postgres.migrations import apply_migrations, migration_ids, rollback_last
from adapters.outbound.postgres.pool import create_pool
from adapters.outbound.postgres.unit_of_work import PostgresUnitOfWork
from core.domain.backtest import BacktestStatus
from core.domain.errors import Conflict
from core.domain.pagination import PageRequest
from core.domain.trade import TradeSource
from tests.contract.conftest import MIGRATIONS
from tests.support.builders import T0, a_backtest, a_strategy, a_trade

ALL = migration_ids(MIGRATIONS)


async def test_strategies_stored_before_the_name_key_keep_their_names_taken(
    scratch_url: str,
) -> None:
    apply_migrations(scratch_url, MIGRATIONS)
    for _ in ALL[1:]:
        rollback_last(scratch_url, MIGRATIONS)
    taken = a_strategy(name="Trend")
    pool = await create_pool(scratch_url, 1, 1)
    try:
        await pool.execute(
            "INSERT INTO strategies (id, owner_id, name, kind, created_at, updated_at) "
            "VALUES ($1, $2, $3, 'custom', now(), now())",
            taken.id,
            taken.owner_id,
            taken.name,
        )

        apply_migrations(scratch_url, MIGRATIONS)

        with pytest.raises(Conflict):
            async with PostgresUnitOfWork(pool) as tx:
                await tx.strategies.add(a_strategy(taken.owner_id, name="TREND"))
    finally:
        await pool.close()


async def test_a_round_trip_below_server_runs_keeps_rows_with_their_defaults(
    scratch_url: str,
) -> None:
    apply_migrations(scratch_url, MIGRATIONS)
    backtest = a_backtest(execution={"commission": 0.01})
    backtest.queue_run(uuid.uuid4(), T0)
    trade = a_trade(backtest.owner_id, backtest.id, source=TradeSource.ENGINE, details={"a": 1})
    pool = await create_pool(scratch_url, 1, 1)
    try:
        async with PostgresUnitOfWork(pool) as tx:
            await tx.backtests.add(backtest)
            await tx.trades.add_many([trade])
            await tx.commit()

        assert rollback_last(scratch_url, MIGRATIONS) == "0007_backtest_status_notices"
        assert rollback_last(scratch_url, MIGRATIONS) == "0006_result_series_storage"
        assert rollback_last(scratch_url, MIGRATIONS) == "0005_run_queue"
        assert rollback_last(scratch_url, MIGRATIONS) == "0004_backtest_runs"
        apply_migrations(scratch_url, MIGRATIONS)

        async with PostgresUnitOfWork(pool) as tx:
            found = await tx.backtests.get(backtest.owner_id, backtest.id)
            trades = await tx.trades.list_for_backtest(
                backtest.owner_id, backtest.id, PageRequest()
            )
    finally:
        await pool.close()

    assert found is not None
    assert (found.status, found.run, found.definition.execution) == (
        BacktestStatus.PENDING,
        None,
        {},
    )
    assert [(t.id, t.source, t.details) for t in trades.items] == [
        (trade.id, TradeSource.MANUAL, None)
    ]
