"""Holds the asyncpg pool so factories can be wired before it opens."""

from __future__ import annotations

import logging

import asyncpg

from adapters.outbound.postgres.pool import create_pool

log = logging.getLogger("backtest.database")


class PoolHolder:
    """Opened and closed by the container's lifecycle resource; `.pool` is read per call."""

    def __init__(
        self, dsn: str, min_size: int, max_size: int, statement_timeout_ms: int = 30_000
    ) -> None:
        self._dsn = dsn
        self._min_size = min_size
        self._max_size = max_size
        self._timeouts = {"statement_timeout_ms": statement_timeout_ms}
        self._pool: asyncpg.Pool | None = None

    async def open(self) -> None:
        """Opens the pool; an unreachable database does not stop the server from starting.

        The pool then connects on demand, requests answer 503 and /health/ready says why.
        """
        try:
            self._pool = await create_pool(
                self._dsn, self._min_size, self._max_size, **self._timeouts
            )
        except (OSError, asyncpg.PostgresError, TimeoutError) as error:
            log.warning("database unreachable at start (%s); connecting on demand", error)
            self._pool = await create_pool(self._dsn, 0, self._max_size, **self._timeouts)

    async def close(self) -> None:
        if self._pool is not None:
            await self._pool.close()
            self._pool = None

    @property
    def pool(self) -> asyncpg.Pool:
        if self._pool is None:
            raise RuntimeError("the database pool is not open yet")
        return self._pool
