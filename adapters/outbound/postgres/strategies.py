"""PostgresStrategyRepository: templates, unique per owner by the domain's name_key."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import asyncpg

from adapters.outbound.postgres.errors import refusals
from adapters.outbound.postgres.paging import page_of
from core.domain.pagination import Page, PageRequest
from core.domain.strategy import Strategy

_COLUMNS = "id, owner_id, name, kind, description, parameters, created_at, updated_at, rules"


def _strategy(row: asyncpg.Record) -> Strategy:
    return Strategy(**dict(row))


def _values(s: Strategy) -> tuple[Any, ...]:
    return (
        s.id,
        s.owner_id,
        s.name,
        s.kind,
        s.description,
        s.parameters,
        s.created_at,
        s.updated_at,
        s.rules,
        s.name_key,
    )


class PostgresStrategyRepository:
    def __init__(self, connection: asyncpg.Connection) -> None:
        self._db = connection

    async def _write(self, sql: str, strategy: Strategy) -> None:
        with refusals(duplicate=f"a strategy named {strategy.name!r} already exists"):
            # A savepoint keeps the unit of work usable after a clash.
            async with self._db.transaction():
                await self._db.execute(sql, *_values(strategy))

    async def add(self, strategy: Strategy) -> None:
        await self._write(
            f"INSERT INTO strategies ({_COLUMNS}, name_key) "
            "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
            strategy,
        )

    async def get(self, owner_id: UUID, strategy_id: UUID) -> Strategy | None:
        return await self._one("", owner_id, strategy_id)

    async def lock(self, owner_id: UUID, strategy_id: UUID) -> Strategy | None:
        """Holds the row until the transaction ends: concurrent updates go one at a time."""
        return await self._one(" FOR UPDATE", owner_id, strategy_id)

    async def _one(self, suffix: str, owner_id: UUID, strategy_id: UUID) -> Strategy | None:
        row = await self._db.fetchrow(
            f"SELECT {_COLUMNS} FROM strategies WHERE id = $1 AND owner_id = $2{suffix}",
            strategy_id,
            owner_id,
        )
        return _strategy(row) if row else None

    async def update(self, strategy: Strategy) -> None:
        """Changes nothing when the template is not the owner's (or is gone)."""
        await self._write(
            "UPDATE strategies SET name = $3, kind = $4, description = $5, parameters = $6, "
            "created_at = $7, updated_at = $8, rules = $9, name_key = $10 "
            "WHERE id = $1 AND owner_id = $2",
            strategy,
        )

    async def delete(self, owner_id: UUID, strategy_id: UUID) -> bool:
        result = await self._db.execute(
            "DELETE FROM strategies WHERE id = $1 AND owner_id = $2", strategy_id, owner_id
        )
        return result != "DELETE 0"

    async def list(self, owner_id: UUID, page: PageRequest) -> Page[Strategy]:
        after = page.after
        rows = await self._db.fetch(
            f"SELECT {_COLUMNS} FROM strategies WHERE owner_id = $1 "
            "AND ($2::timestamptz IS NULL OR (created_at, id) < ($2, $3)) "
            "ORDER BY created_at DESC, id DESC LIMIT $4",
            owner_id,
            after.at if after else None,
            after.id if after else None,
            page.limit + 1,
        )
        return page_of(rows, page.limit, _strategy, lambda s: (s.created_at, s.id))

    async def count(self, owner_id: UUID) -> int:
        return await self._db.fetchval(
            "SELECT count(*) FROM strategies WHERE owner_id = $1", owner_id
        )
