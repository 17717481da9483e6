"""PostgresHealthProbe: reachability, latency and pending migrations."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import asyncpg

from adapters.outbound.postgres.errors import OUTAGES
from adapters.outbound.postgres.migrations import pending_migrations
from core.ports.health import ProbeResult

_UNREACHABLE = (*OUTAGES, asyncpg.InterfaceError)


class PostgresHealthProbe:
    """Never raises: failures are reported in the result, within `timeout` seconds.

    The detail names the error's type only: /health/detailed is public, messages may name hosts.
    """

    name = "database"

    def __init__(self, pool: asyncpg.Pool, migrations_dir: Path, timeout: float = 3.0) -> None:
        self._pool = pool
        self._migrations_dir = migrations_dir
        self._timeout = timeout

    async def check(self) -> ProbeResult:
        started = time.perf_counter()
        try:
            async with asyncio.timeout(self._timeout), self._pool.acquire() as connection:
                await connection.fetchval("SELECT 1")
                latency = _ms_since(started)
                pending = await pending_migrations(connection, self._migrations_dir)
        except Exception as error:
            reason = "unreachable" if isinstance(error, _UNREACHABLE) else "failing"
            return ProbeResult(self.name, False, _ms_since(started), f"{reason}: {_name(error)}")
        if pending:
            detail = f"pending migrations: {', '.join(pending)}"
            return ProbeResult(self.name, True, latency, detail, ready=False)
        return ProbeResult(self.name, True, latency)


def _ms_since(started: float) -> float:
    return (time.perf_counter() - started) * 1000


def _name(error: Exception) -> str:
    return type(error).__name__
