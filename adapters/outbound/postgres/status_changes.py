"""PostgresStatusChanges: StatusChanges over the notices of migration 0007 (LISTEN/NOTIFY)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from uuid import UUID

import asyncpg

from adapters.outbound.postgres.errors import CONNECT_FAILURES
from adapters.outbound.status_watchers import EventWatch, StatusWatchers

CHANNEL = "backtest_status"
# Shown in pg_stat_activity, so the long-lived session explains itself.
APPLICATION_NAME = "backtest-api status listener"

log = logging.getLogger("backtest.status_changes")


class PostgresStatusChanges:
    """One LISTEN connection per process, opened by the first watch and shared by all.

    A connection of its own, not a pooled one: a LISTEN lasts as long as its session, while
    pooled connections serve one transaction and go back. Notices come from whoever commits
    (this process, other replicas, separate workers), at commit, never for a rollback.

    When the connection is lost, every watcher is woken (each reads again) and the next
    watch connects anew. A connection unused for `check_every` seconds is asked a `SELECT 1`
    first, within `check_timeout`: a session dropped silently on the way (a NAT's idle
    timeout) would otherwise deliver nothing, for ever. Without a connection (after a
    failure, none is tried for `retry_seconds`) watches still work; their waits time out.
    """

    def __init__(
        self,
        dsn: str,
        *,
        connect_timeout: float = 10.0,
        check_every: float = 60.0,
        check_timeout: float = 5.0,
        retry_seconds: float = 5.0,
    ) -> None:
        self._dsn = dsn
        self._connect_timeout = connect_timeout
        self._check_every = check_every
        self._check_timeout = check_timeout
        self._retry_seconds = retry_seconds
        self._watchers = StatusWatchers()
        self._connection: asyncpg.Connection | None = None
        self._connecting = asyncio.Lock()
        self._checked_at = 0.0
        self._retry_at = 0.0

    @contextlib.asynccontextmanager
    async def watch(self, backtest_id: UUID) -> AsyncIterator[EventWatch]:
        async with self._watchers.watching(backtest_id) as watch:
            await self._listening()
            yield watch

    async def close(self) -> None:
        """Closes the connection (waking any watcher); a later watch would open another."""
        async with self._connecting:
            connection, self._connection = self._connection, None
            if connection is not None:
                # A failed close has aborted the connection already.
                with contextlib.suppress(*CONNECT_FAILURES):
                    await connection.close(timeout=self._check_timeout)

    async def _listening(self) -> None:
        """Makes sure notices are heard from now on, if the database can be reached."""
        async with self._connecting:
            now = asyncio.get_running_loop().time()
            if self._connection is not None and await self._alive(self._connection, now):
                return
            if now < self._retry_at:
                return
            try:
                self._connection = await self._connect()
                self._checked_at = now
            except CONNECT_FAILURES as error:
                self._retry_at = now + self._retry_seconds
                log.warning(
                    "cannot listen for status changes; waits read again every few seconds",
                    extra={"error": type(error).__name__},
                )

    async def _alive(self, connection: asyncpg.Connection, now: float) -> bool:
        if connection.is_closed():
            self._forget(connection)
            return False
        if now - self._checked_at < self._check_every:
            return True
        try:
            await connection.fetchval("SELECT 1", timeout=self._check_timeout)
        except CONNECT_FAILURES:
            self._forget(connection)
            return False
        self._checked_at = now
        return True

    async def _connect(self) -> asyncpg.Connection:
        connection = await asyncpg.connect(
            self._dsn,
            timeout=self._connect_timeout,
            server_settings={"application_name": APPLICATION_NAME},
        )
        try:
            await connection.add_listener(CHANNEL, self._notified)
        except BaseException:
            connection.terminate()
            raise
        connection.add_termination_listener(self._lost)
        return connection

    def _notified(self, _connection: object, _pid: int, _channel: str, payload: str) -> None:
        self._checked_at = asyncio.get_running_loop().time()  # a notice is a sign of life
        try:
            backtest_id = UUID(payload)
        except ValueError:
            return
        self._watchers.wake([backtest_id])

    def _lost(self, connection: object) -> None:
        """asyncpg calls this once the connection is closed, however that came about."""
        if connection is self._connection:
            self._connection = None
        self._watchers.wake_all()

    def _forget(self, connection: asyncpg.Connection) -> None:
        if connection is self._connection:
            self._connection = None
        connection.terminate()
        self._watchers.wake_all()
