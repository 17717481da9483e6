"""Tells, from a bucket's listings, when an object that DuckDB may have read was rewritten.

The root hands out a URL for each key DuckDB reads, and lists keys with their ETags: a later
listing that shows a handed-out key with another ETag, or without it, means that what DuckDB
kept about that object (its size, its ETag, its bytes) may be out of date.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping

log = logging.getLogger("backtest.market_data")


class RewriteWatch:
    """Remembers the last listed version of each key; listeners hear of each rewrite."""

    def __init__(self) -> None:
        self._listed: dict[str, str] = {}
        self._handed: set[str] = set()
        self._listeners: list[Callable[[], None]] = []

    def subscribe(self, listener: Callable[[], None]) -> None:
        self._listeners.append(listener)

    def handed(self, key: str) -> None:
        """`key`'s URL was given out: DuckDB may read it from now on."""
        self._handed.add(key)

    def listed(self, prefix: str, found: Mapping[str, str]) -> None:
        """Takes in a complete listing of `prefix` (key -> version)."""
        before = {key: version for key, version in self._listed.items() if key.startswith(prefix)}
        rewritten = sorted(k for k, v in before.items() if k in self._handed and found.get(k) != v)
        for key in before:
            del self._listed[key]
        self._listed.update(found)
        if rewritten:
            log.info(
                "market-data objects rewritten; DuckDB's kept metadata is dropped",
                extra={"keys": rewritten[:10], "count": len(rewritten)},
            )
            for listener in self._listeners:
                listener()
