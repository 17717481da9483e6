"""PostgresTradeRepository: trades in (entry_time, id) order; batches go in by COPY."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from uuid import UUID

import asyncpg

from adapters.outbound.postgres.errors import refusals
from adapters.outbound.postgres.paging import page_of
from core.domain.pagination import Page, PageRequest
from core.domain.trade import Side, Trade, TradeSource
from core.domain.values import Symbol

_COLUMNS = (
    "id, owner_id, backtest_id, symbol, side, quantity, entry_time, entry_price, exit_time, "
    "exit_price, commission, pnl, notes, created_at, source, details"
)


def _trade(row: asyncpg.Record) -> Trade:
    return Trade(
        id=row["id"],
        owner_id=row["owner_id"],
        backtest_id=row["backtest_id"],
        symbol=Symbol(row["symbol"]),
        side=Side(row["side"]),
        quantity=row["quantity"],
        entry_time=row["entry_time"],
        entry_price=row["entry_price"],
        exit_time=row["exit_time"],
        exit_price=row["exit_price"],
        commission=row["commission"],
        pnl=row["pnl"],
        notes=row["notes"],
        created_at=row["created_at"],
        source=TradeSource(row["source"]),
        details=row["details"],
    )


def _values(t: Trade) -> tuple[Any, ...]:
    return (
        t.id, t.owner_id, t.backtest_id, str(t.symbol), t.side.value, t.quantity, t.entry_time,
        t.entry_price, t.exit_time, t.exit_price, t.commission, t.pnl, t.notes, t.created_at,
        t.source.value, t.details,
    )  # fmt: skip


class PostgresTradeRepository:
    def __init__(self, connection: asyncpg.Connection) -> None:
        self._db = connection

    async def add_many(self, trades: Sequence[Trade]) -> None:
        """All or nothing: COPY is one statement, so a bad row stores none of the batch."""
        if not trades:
            return
        with refusals(
            duplicate="a trade with one of these ids already exists",
            missing="the backtest of a trade was not found",
        ):
            await self._db.copy_records_to_table(
                "trades", columns=_COLUMNS.split(", "), records=map(_values, trades)
            )

    async def delete_engine_trades(self, owner_id: UUID, backtest_id: UUID) -> int:
        result = await self._db.execute(
            "DELETE FROM trades WHERE backtest_id = $1 AND owner_id = $2 AND source = 'engine'",
            backtest_id,
            owner_id,
        )
        return int(result.removeprefix("DELETE "))

    async def list_for_backtest(
        self, owner_id: UUID, backtest_id: UUID, page: PageRequest
    ) -> Page[Trade]:
        after = page.after
        rows = await self._db.fetch(
            f"SELECT {_COLUMNS} FROM trades WHERE backtest_id = $1 AND owner_id = $2 "
            "AND ($3::timestamptz IS NULL OR (entry_time, id) > ($3, $4)) "
            "ORDER BY entry_time, id LIMIT $5",
            backtest_id,
            owner_id,
            after.at if after else None,
            after.id if after else None,
            page.limit + 1,
        )
        return page_of(rows, page.limit, _trade, lambda t: (t.entry_time, t.id))
