"""One DuckDB database, queried from a bounded thread pool with a cursor per thread."""

from __future__ import annotations

import asyncio
import math
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Generic, TypeVar

import duckdb

from adapters.outbound.duckdb.roots import S3Settings

T = TypeVar("T")


def httpfs_extension() -> Path:
    """DuckDB's own signed httpfs build, shipped on PyPI: nothing is downloaded at run time."""
    import duckdb_extension_httpfs

    package = Path(duckdb_extension_httpfs.__path__[0])
    return next(package.rglob("httpfs.duckdb_extension"))


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


class DuckDbEngine:
    """Runs blocking DuckDB work off the event loop, so a slow query never stalls requests."""

    def __init__(self, workers: int = 4, memory_limit: str | None = None) -> None:
        config: dict[str, str | bool | int | float | list[str]] = {
            "autoinstall_known_extensions": False,
            "autoload_known_extensions": False,
        }
        self._connection = duckdb.connect(":memory:", config=config)
        if memory_limit:
            self._connection.execute(f"SET memory_limit = {_quote(memory_limit)}")
        self._local = threading.local()
        self._cursors: list[duckdb.DuckDBPyConnection] = []
        self._cursors_lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="duckdb")
        self._s3_ready = False
        self._closed = False

    def use_s3(self, settings: S3Settings) -> None:
        """Loads httpfs and registers the bucket's credentials as a path-style S3 secret.

        Each HTTP request gets the settings' timeout (whole seconds, for connecting and for
        each read) and tries: httpfs' own defaults (30 s, four tries with backoff) would hold
        a pool thread for two minutes on a storage that accepts connections and never answers.
        """
        if self._s3_ready:
            return
        self._connection.execute(f"LOAD {_quote(str(httpfs_extension()))}")
        seconds = max(1, math.ceil(settings.timeout_seconds))
        self._connection.execute(f"SET GLOBAL http_timeout = {seconds}")
        self._connection.execute(f"SET GLOBAL http_retries = {max(0, settings.attempts - 1)}")
        self._connection.execute("SET GLOBAL http_retry_wait_ms = 100")
        self._connection.execute("SET GLOBAL http_retry_backoff = 2")
        self._connection.execute(
            "CREATE OR REPLACE SECRET market_data (TYPE s3, "
            f"KEY_ID {_quote(settings.access_key or '')}, "
            f"SECRET {_quote(settings.secret_key or '')}, "
            f"ENDPOINT {_quote(settings.endpoint)}, "
            f"REGION {_quote(settings.region)}, "
            f"URL_STYLE 'path', USE_SSL {'true' if settings.secure else 'false'})"
        )
        self._s3_ready = True

    def _cursor(self) -> duckdb.DuckDBPyConnection:
        cursor = getattr(self._local, "cursor", None)
        if cursor is None:
            cursor = self._local.cursor = self._connection.cursor()
            with self._cursors_lock:
                self._cursors.append(cursor)
        return cursor

    async def run(self, work: Callable[[duckdb.DuckDBPyConnection], T]) -> T:
        """`work` on a pool thread; a caller that gives up (a deadline) interrupts the query."""
        loop = asyncio.get_running_loop()
        job = _Job(work)
        try:
            return await loop.run_in_executor(self._pool, lambda: job.run(self._cursor()))
        except asyncio.CancelledError:
            job.interrupt()
            raise

    def query(
        self, sql: str, params: list[Any] | None = None
    ) -> Callable[[duckdb.DuckDBPyConnection], Any]:
        """A unit of work that returns the result as an Arrow table."""
        return lambda cursor: cursor.execute(sql, params or []).to_arrow_table()

    async def close(self) -> None:
        """Lets running queries finish (off the loop), drops queued ones, closes the database."""
        if self._closed:
            return
        self._closed = True
        await asyncio.to_thread(self._pool.shutdown, wait=True, cancel_futures=True)
        for cursor in self._cursors:
            cursor.close()
        self._connection.close()


class _Job(Generic[T]):
    """One piece of work on a thread's cursor, which another thread may interrupt.

    DuckDB checks for an interrupt between steps: a read blocked on the network still ends at
    its http_timeout, but the query then stops instead of going on or retrying.
    """

    def __init__(self, work: Callable[[duckdb.DuckDBPyConnection], T]) -> None:
        self._work = work
        self._lock = threading.Lock()
        self._cursor: duckdb.DuckDBPyConnection | None = None
        self._abandoned = False

    def run(self, cursor: duckdb.DuckDBPyConnection) -> T:
        with self._lock:
            if self._abandoned:
                raise duckdb.InterruptException("abandoned before it started")
            self._cursor = cursor
        try:
            return self._work(cursor)
        finally:
            with self._lock:
                self._cursor = None

    def interrupt(self) -> None:
        with self._lock:
            self._abandoned = True
            if self._cursor is not None:
                self._cursor.interrupt()
