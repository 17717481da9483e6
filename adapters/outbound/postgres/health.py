"""PostgresHealthProbe: reachability, latency and pending migrations."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import asyncpg

from adapters.outbound.postgres.migrations import pending_migrations
from core.ports.health import ProbeResult

PoolSource = Callable[[], asyncpg.Pool]


class PostgresHealthProbe:
    """Never raises: failures are reported in the result."""

    name = "database"

    def __init__(self, pool: asyncpg.Pool, migrations_dir: Path) -> None:
        self._pool = pool
        self._migrations_dir = migrations_dir

    async def check(self) -> ProbeResult:
        started = time.perf_counter()
        try:
            async with self._pool.acquire(timeout=3) as connection:
                await connection.fetchval("SELECT 1")
                elapsed = (time.perf_counter() - started) * 1000
                pending = await pending_migrations(connection, self._migrations_dir)
        except Exception as error:
            elapsed = (time.perf_counter() - started) * 1000
            return ProbeResult(self.name, False, elapsed, f"unreachable: {type(error).__name__}")
        if pending:
            return ProbeResult(
                self.name, True, elapsed, f"pending migrations: {', '.join(pending)}", ready=False
            )
        return ProbeResult(self.name, True, elapsed)
