"""DuckDB queried from a bounded thread pool with a cursor per thread.

Two sizes: `workers` queries run at once (the pool), and each may use up to `threads` of
DuckDB's own threads (`SET threads`, shared by the queries running at once; DuckDB's default
is one per core). On a bucket, `follow` lets DuckDB keep what it learnt about each object
(size, ETag) between queries, so warm queries send no HEAD; the listing tells when an object
DuckDB read was rewritten, and the queries after that run on a new database.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Protocol, TypeVar

import duckdb

from adapters.outbound.duckdb.database import Database
from adapters.outbound.duckdb.httpfs import httpfs_extension as httpfs_extension
from adapters.outbound.duckdb.httpfs import load_s3, quote
from adapters.outbound.duckdb.job import Job
from adapters.outbound.market_data_storage.s3_settings import S3Settings

T = TypeVar("T")


class Rewrites(Protocol):
    """Calls its listeners when an object that DuckDB may have read has changed."""

    def subscribe(self, listener: Callable[[], None]) -> None: ...


class DuckDbEngine:
    """Runs blocking DuckDB work off the event loop, so a slow query never stalls requests."""

    def __init__(
        self, workers: int = 4, memory_limit: str | None = None, threads: int | None = None
    ) -> None:
        self._memory_limit = memory_limit
        self._threads = threads
        self._s3: S3Settings | None = None
        self._keeps_metadata = False
        self._followed: list[Rewrites] = []
        self._lock = threading.Lock()
        self._database = Database(self._open())
        self._stale = False
        self._local = threading.local()
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="duckdb")
        self._closed = False

    def _open(self) -> duckdb.DuckDBPyConnection:
        config: dict[str, str | bool | int | float | list[str]] = {
            "autoinstall_known_extensions": False,
            "autoload_known_extensions": False,
        }
        if self._threads:
            config["threads"] = self._threads
        connection = duckdb.connect(":memory:", config=config)
        if self._memory_limit:
            connection.execute(f"SET memory_limit = {quote(self._memory_limit)}")
        if self._s3 is not None:
            load_s3(connection, self._s3)
        if self._keeps_metadata:
            connection.execute("SET GLOBAL enable_http_metadata_cache = true")
        return connection

    def use_s3(self, settings: S3Settings) -> None:
        """Loads httpfs and registers the bucket's credentials as a path-style S3 secret.

        Each HTTP request gets the settings' timeout (whole seconds, for connecting and for
        each read) and tries: httpfs' own defaults (30 s, four tries with backoff) would hold
        a pool thread for two minutes on a storage that accepts connections and never answers.
        """
        with self._lock:
            if self._s3 is not None:
                return
            self._s3 = settings
            load_s3(self._database.connection, settings)

    def follow(self, rewrites: Rewrites) -> None:
        """Keeps object metadata between queries, trusting `rewrites` to tell of a change.

        DuckDB's HTTP metadata cache has no way to drop one entry: a change makes the queries
        that start after it run on a new database (its metadata and file caches start empty).
        """
        with self._lock:
            if self._s3 is None:
                raise RuntimeError("follow needs use_s3 first: it keeps HTTP metadata")
            if any(rewrites is followed for followed in self._followed):
                return
            self._followed.append(rewrites)
            self._keeps_metadata = True
            self._database.connection.execute("SET GLOBAL enable_http_metadata_cache = true")
        rewrites.subscribe(self.renew)

    def renew(self) -> None:
        """Queries from now on run on a new database; running ones finish on theirs."""
        self._stale = True  # never blocks: a listing on the event loop may call this

    def _checkout(self) -> tuple[Database, duckdb.DuckDBPyConnection]:
        """The current database, and this thread's cursor on it."""
        if self._stale:
            self._stale = False
            fresh = Database(self._open())  # off the loop, outside the lock: LOAD takes a while
            with self._lock:
                replaced, self._database = self._database, fresh
            replaced.retire()
        with self._lock:
            database = self._database
            database.enter()
        if getattr(self._local, "database", None) is not database:
            self._local.cursor, self._local.database = database.cursor(), database
        return database, self._local.cursor

    def _run_here(self, job: Job[T]) -> T:
        database, cursor = self._checkout()
        try:
            return job.run(cursor)
        finally:
            database.leave()

    async def run(self, work: Callable[[duckdb.DuckDBPyConnection], T]) -> T:
        """`work` on a pool thread; a caller that gives up (a deadline) interrupts the query.

        When kept metadata turns out older than an object (rewritten before the listing
        told), the work runs once more on a new database rather than failing.
        """
        try:
            return await self._run_once(work)
        except (duckdb.HTTPException, UnicodeDecodeError) as error:
            if not (self._keeps_metadata and _object_changed(error)):
                raise _as_duckdb_error(error) from None
            self.renew()
        try:
            return await self._run_once(work)
        except UnicodeDecodeError as error:
            raise _as_duckdb_error(error) from None

    async def _run_once(self, work: Callable[[duckdb.DuckDBPyConnection], T]) -> T:
        loop = asyncio.get_running_loop()
        job = Job(work)
        try:
            return await loop.run_in_executor(self._pool, self._run_here, job)
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
        self._database.close()


def _object_changed(error: duckdb.HTTPException | UnicodeDecodeError) -> bool:
    """httpfs' answer when the size or ETag it holds no longer match the object.

    DuckDB's Python binding cannot decode the HTTP error of a read whose ETag changed (its
    body is the object's bytes) and raises UnicodeDecodeError in its place.
    """
    if isinstance(error, UnicodeDecodeError):
        return True
    return getattr(error, "status_code", None) == 416 or "ETag on reading file" in str(error)


def _as_duckdb_error(error: duckdb.HTTPException | UnicodeDecodeError) -> duckdb.Error:
    if isinstance(error, UnicodeDecodeError):
        return duckdb.IOException("HTTP error: the object changed while it was being read")
    return error
