"""One DuckDB database of the engine, with the cursors its pool threads opened on it.

The engine replaces its database when what DuckDB cached about remote files may be out of
date; the replaced one closes once the last query running on it ends.
"""

from __future__ import annotations

import threading

import duckdb


class Database:
    """A connection, the cursors made from it, and how many queries run on it now."""

    def __init__(self, connection: duckdb.DuckDBPyConnection) -> None:
        self.connection = connection
        self._cursors: list[duckdb.DuckDBPyConnection] = []
        self._lock = threading.Lock()
        self._running = 0
        self._retired = False
        self._closed = False

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A new cursor, closed with the database (one per pool thread)."""
        cursor = self.connection.cursor()
        with self._lock:
            self._cursors.append(cursor)
        return cursor

    def enter(self) -> None:
        with self._lock:
            self._running += 1

    def leave(self) -> None:
        with self._lock:
            self._running -= 1
            idle = self._retired and self._running == 0
        if idle:
            self.close()

    def retire(self) -> None:
        """No new query starts here; closes now if none runs, else when the last one ends."""
        with self._lock:
            self._retired = True
            idle = self._running == 0
        if idle:
            self.close()

    def close(self) -> None:
        with self._lock:
            if self._closed:
                return
            self._closed = True
            cursors, self._cursors = self._cursors, []
        for cursor in cursors:
            cursor.close()
        self.connection.close()
