"""PostgresBacktestRepository: the backtests table, newest first by (created_at, id)."""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Any
from uuid import UUID

import asyncpg

from adapters.outbound.postgres.errors import refusals
from adapters.outbound.postgres.paging import page_of
from core.domain.backtest import Backtest, BacktestDefinition, BacktestStatus, RunState
from core.domain.pagination import Page, PageRequest
from core.domain.timeframe import Timeframe
from core.domain.values import DateRange, Symbol

_COLUMNS = (
    "id, owner_id, name, strategy, strategy_id, symbol, start_date, end_date, initial_capital, "
    "timeframe, parameters, status, results, created_at, updated_at, execution, run_id, "
    "run_progress, run_error, run_cancel_requested, run_attempts"
)
_PLACES = ", ".join(f"${n}" for n in range(1, _COLUMNS.count(",") + 2))
# Every column but the key (id, owner_id), for updates.
_SETS = ", ".join(f"{c} = ${n}" for n, c in enumerate(_COLUMNS.split(", "), 1) if n > 2)


def _backtest(row: asyncpg.Record) -> Backtest:
    return Backtest(
        id=row["id"],
        owner_id=row["owner_id"],
        name=row["name"],
        definition=BacktestDefinition(
            strategy=row["strategy"],
            symbol=Symbol(row["symbol"]),
            period=DateRange(row["start_date"], row["end_date"]),
            initial_capital=row["initial_capital"],
            timeframe=Timeframe.parse(row["timeframe"]),
            parameters=row["parameters"],
            strategy_id=row["strategy_id"],
            execution=row["execution"],
        ),
        status=BacktestStatus(row["status"]),
        results=row["results"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        run=_run(row),
    )


def _run(row: asyncpg.Record) -> RunState | None:
    if row["run_id"] is None:
        return None
    return RunState(
        run_id=row["run_id"],
        progress=row["run_progress"],
        error=row["run_error"],
        cancel_requested=row["run_cancel_requested"],
        attempts=row["run_attempts"],
    )


def _values(b: Backtest) -> tuple[Any, ...]:
    d = b.definition
    return (
        b.id, b.owner_id, b.name, d.strategy, d.strategy_id, str(d.symbol), d.period.start,
        d.period.end, d.initial_capital, str(d.timeframe), d.parameters, b.status.value,
        b.results, b.created_at, b.updated_at, d.execution, *_run_values(b.run),
    )  # fmt: skip


def _run_values(run: RunState | None) -> tuple[Any, ...]:
    if run is None:
        return (None, None, None, False, 0)
    return (run.run_id, run.progress, run.error, run.cancel_requested, run.attempts)


def _refusals(b: Backtest) -> AbstractContextManager[None]:
    return refusals(
        duplicate=f"backtest {b.id} already exists",
        missing=f"strategy {b.definition.strategy_id} not found",
    )


class PostgresBacktestRepository:
    def __init__(self, connection: asyncpg.Connection) -> None:
        self._db = connection

    async def add(self, backtest: Backtest) -> None:
        with _refusals(backtest):
            await self._db.execute(
                f"INSERT INTO backtests ({_COLUMNS}) VALUES ({_PLACES})", *_values(backtest)
            )

    async def get(self, owner_id: UUID, backtest_id: UUID) -> Backtest | None:
        return await self._one("", owner_id, backtest_id)

    async def lock(self, owner_id: UUID, backtest_id: UUID) -> Backtest | None:
        """Holds the row until the transaction ends: other lockers and writers wait."""
        return await self._one(" FOR UPDATE", owner_id, backtest_id)

    async def _one(self, suffix: str, owner_id: UUID, backtest_id: UUID) -> Backtest | None:
        row = await self._db.fetchrow(
            f"SELECT {_COLUMNS} FROM backtests WHERE id = $1 AND owner_id = $2{suffix}",
            backtest_id,
            owner_id,
        )
        return _backtest(row) if row else None

    async def update(self, backtest: Backtest) -> None:
        """Changes nothing when the backtest is not the owner's (or is gone)."""
        with _refusals(backtest):
            await self._db.execute(
                f"UPDATE backtests SET {_SETS} WHERE id = $1 AND owner_id = $2",
                *_values(backtest),
            )

    async def count_active_runs(self, owner_id: UUID) -> int:
        # The same predicate as the partial index backtests_owner_active_runs.
        return await self._db.fetchval(
            "SELECT count(*) FROM backtests WHERE owner_id = $1 "
            "AND status IN ('queued', 'running') AND run_id IS NOT NULL",
            owner_id,
        )

    async def delete(self, owner_id: UUID, backtest_id: UUID) -> bool:
        result = await self._db.execute(
            "DELETE FROM backtests WHERE id = $1 AND owner_id = $2", backtest_id, owner_id
        )
        return result != "DELETE 0"

    async def list(
        self,
        owner_id: UUID,
        page: PageRequest,
        status: BacktestStatus | None = None,
        symbol: Symbol | None = None,
    ) -> Page[Backtest]:
        after = page.after
        rows = await self._db.fetch(
            f"SELECT {_COLUMNS} FROM backtests WHERE owner_id = $1 "
            "AND ($2::text IS NULL OR status = $2) AND ($3::text IS NULL OR symbol = $3) "
            "AND ($4::timestamptz IS NULL OR (created_at, id) < ($4, $5)) "
            "ORDER BY created_at DESC, id DESC LIMIT $6",
            owner_id,
            status.value if status else None,
            str(symbol) if symbol else None,
            after.at if after else None,
            after.id if after else None,
            page.limit + 1,
        )
        return page_of(rows, page.limit, _backtest, lambda b: (b.created_at, b.id))

    async def count(self, owner_id: UUID) -> int:
        return await self._db.fetchval(
            "SELECT count(*) FROM backtests WHERE owner_id = $1", owner_id
        )
