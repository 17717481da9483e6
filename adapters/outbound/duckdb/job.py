"""One piece of DuckDB work that the caller may abandon while it runs on a pool thread."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

import duckdb

T = TypeVar("T")


class Job(Generic[T]):
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
