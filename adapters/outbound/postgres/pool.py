"""The asyncpg pool, with JSON columns decoded to Python objects."""

from __future__ import annotations

import json
import math
import uuid
from typing import Any

import asyncpg
import orjson

_JSONB_VERSION = b"\x01"


def _json_text(value: Any) -> bytes:
    """A str is JSON text already (asyncpg's own rule, and what pgqueuer sends in its headers);
    anything else is encoded. NaN and Infinity are not JSON; refusing them here names the
    problem (see errors.refusals).

    orjson writes a run's engine trades' details (thousands of rows in one COPY) some ten
    times faster than the standard library; what it declines (integers beyond 64 bits, lone
    surrogates) goes to json.dumps, whose refusals are the rule.
    """
    if isinstance(value, str):
        return value.encode()
    if not _finite(value):
        raise ValueError("NaN and Infinity are not JSON values")
    try:
        return orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS)
    except orjson.JSONEncodeError:
        return json.dumps(value, allow_nan=False).encode()


def _finite(value: Any) -> bool:
    """False if a float in `value` (nested in lists and dicts) is NaN or infinite."""
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, dict):
        return all(map(_finite, value.values()))
    if isinstance(value, list | tuple):
        return all(map(_finite, value))
    return True


async def _init_connection(connection: asyncpg.Connection) -> None:
    # Binary formats, so that COPY (trades.add_many) can write JSON columns too.
    await connection.set_type_codec(
        "jsonb",
        encoder=lambda value: _JSONB_VERSION + _json_text(value),
        decoder=lambda data: json.loads(data[1:]),
        schema="pg_catalog",
        format="binary",
    )
    await connection.set_type_codec(
        "json", encoder=_json_text, decoder=json.loads, schema="pg_catalog", format="binary"
    )
    # The domain gets the standard library's UUID, not asyncpg's own subclass.
    await connection.set_type_codec(
        "uuid",
        encoder=lambda value: value.bytes,
        decoder=lambda data: uuid.UUID(bytes=data),
        schema="pg_catalog",
        format="binary",
    )


async def create_pool(
    dsn: str,
    min_size: int,
    max_size: int,
    *,
    statement_timeout_ms: int = 30_000,
    connect_timeout: float = 10.0,
) -> asyncpg.Pool:
    """A pool whose connections speak JSON and standard UUIDs; timestamps come back in UTC.

    The server cancels a statement after `statement_timeout_ms`; a server that does not
    answer at all (hung, or a dead network) is given up on a second later by the client,
    and a connection that cannot be opened within `connect_timeout` fails: each is an
    outage (503), never a request left waiting for minutes.
    """
    return await asyncpg.create_pool(
        dsn,
        min_size=min_size,
        max_size=max_size,
        init=_init_connection,
        timeout=connect_timeout,
        command_timeout=statement_timeout_ms / 1000 + 1,
        server_settings={"statement_timeout": str(statement_timeout_ms)},
        # Supabase's pooler (PgBouncer in transaction mode) cannot keep prepared statements.
        statement_cache_size=0 if ":6543" in dsn else 100,
        reset=_nothing_outlives_a_transaction,
    )


async def _nothing_outlives_a_transaction(connection: asyncpg.Connection) -> None:
    """What a connection needs on its way back to the pool, beyond asyncpg rolling back an
    open transaction (which it always does): nothing. Every use is a unit of work's
    transaction, whose locks are transaction-level (users.py) and which neither LISTENs
    (workers listen on connections of their own), SETs, nor keeps cursors. asyncpg's
    default reset (unlock, CLOSE ALL, UNLISTEN, RESET ALL) cost a round trip per request."""
