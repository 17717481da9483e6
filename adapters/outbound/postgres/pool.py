"""The asyncpg pool, with JSON columns decoded to Python objects."""

from __future__ import annotations

import functools
import json
import uuid

import asyncpg

# NaN and Infinity are not JSON; refusing them here names the problem (see errors.refusals).
_dumps = functools.partial(json.dumps, allow_nan=False)


async def _init_connection(connection: asyncpg.Connection) -> None:
    for type_name in ("json", "jsonb"):
        await connection.set_type_codec(
            type_name, encoder=_dumps, decoder=json.loads, schema="pg_catalog"
        )
    # The domain gets the standard library's UUID, not asyncpg's own subclass.
    await connection.set_type_codec(
        "uuid",
        encoder=lambda value: value.bytes,
        decoder=lambda data: uuid.UUID(bytes=data),
        schema="pg_catalog",
        format="binary",
    )


async def create_pool(dsn: str, min_size: int, max_size: int) -> asyncpg.Pool:
    """A pool whose connections speak JSON and standard UUIDs; timestamps come back in UTC."""
    return await asyncpg.create_pool(
        dsn,
        min_size=min_size,
        max_size=max_size,
        init=_init_connection,
        command_timeout=30,
        # Supabase's pooler (PgBouncer in transaction mode) cannot keep prepared statements.
        statement_cache_size=0 if ":6543" in dsn else 100,
    )
