"""PostgresBacktestRepository: the backtests table, newest first by (created_at, id)."""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Any
from uuid import UUID

import asyncpg

from adapters.outbound.postgres.errors import refusals
from adapters.outbound.postgres.paging import page_of
from core.domain.backtest import Backtest, BacktestDefinition, BacktestStatus
from core.domain.pagination import Page, PageRequest
from core.domain.timeframe import Timeframe
from core.domain.values import DateRange, Symbol

_COLUMNS = (
    "id, owner_id, name, strategy, strategy_id, symbol, start_date, end_date, initial_capital, "
    "timeframe, parameters, status, results, created_at, updated_at"
)


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
        ),
        status=BacktestStatus(row["status"]),
        results=row["results"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
    )


def _values(b: Backtest) -> tuple[Any, ...]:
    d = b.definition
    return (
        b.id, b.owner_id, b.name, d.strategy, d.strategy_id, str(d.symbol), d.period.start,
        d.period.end, d.initial_capital, str(d.timeframe), d.parameters, b.status.value,
        b.results, b.created_at, b.updated_at,
    )  # fmt: skip


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
                f"INSERT INTO backtests ({_COLUMNS}) VALUES "
                "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
                *_values(backtest),
            )

    async def get(self, owner_id: UUID, backtest_id: UUID) -> Backtest | None:
        row = await self._db.fetchrow(
            f"SELECT {_COLUMNS} FROM backtests WHERE id = $1 AND owner_id = $2",
            backtest_id,
            owner_id,
        )
        return _backtest(row) if row else None

    async def update(self, backtest: Backtest) -> None:
        """Changes nothing when the backtest is not the owner's (or is gone)."""
        with _refusals(backtest):
            await self._db.execute(
                "UPDATE backtests SET name = $3, strategy = $4, strategy_id = $5, symbol = $6, "
                "start_date = $7, end_date = $8, initial_capital = $9, timeframe = $10, "
                "parameters = $11, status = $12, results = $13, created_at = $14, "
                "updated_at = $15 WHERE id = $1 AND owner_id = $2",
                *_values(backtest),
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
