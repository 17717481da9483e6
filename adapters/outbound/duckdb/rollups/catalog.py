"""Which rollups are stored and whether each still matches its minute files.

The listing of rollups is kept as long as the minute listing (the same TTL), and each rollup's
provenance per version of the file: once warm, checking costs no request.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass

from adapters.outbound.duckdb.engine import DuckDbEngine
from adapters.outbound.duckdb.rollups.levels import Level
from adapters.outbound.duckdb.rollups.provenance import Provenance, read_provenance, source_digest
from adapters.outbound.duckdb.running import run
from adapters.outbound.market_data_storage.layout import Listing
from adapters.outbound.market_data_storage.rollup_layout import (
    RollupFile,
    Slot,
    rollup_files,
    rollup_key,
    rollup_prefix,
)
from adapters.outbound.market_data_storage.roots import Root
from core.domain.candles import SourceResolution
from core.domain.errors import BadMarketData, Unavailable

log = logging.getLogger("backtest.market_data")


@dataclass(frozen=True)
class Check:
    """`state` is fresh, stale (built from other minute files), missing or unreadable."""

    state: str
    file: RollupFile | None = None

    @property
    def fresh(self) -> bool:
        return self.state == "fresh"


class RollupCatalog:
    """The rollups of a root; a rollup of another format or level, or built from other minute
    files than those listed now, is stale."""

    def __init__(self, root: Root, engine: DuckDbEngine, ttl_seconds: float = 30.0) -> None:
        self._root = root
        self._engine = engine
        self._ttl = ttl_seconds
        self._listings: dict[SourceResolution, tuple[float, dict[Slot, RollupFile]]] = {}
        self._provenances: dict[str, tuple[str, Provenance | None]] = {}
        self._warned: set[tuple[str, str | None]] = set()

    def forget(self) -> None:
        self._listings.clear()

    async def listing(self, source: SourceResolution) -> dict[Slot, RollupFile]:
        cached = self._listings.get(source)
        if cached and time.monotonic() - cached[0] < self._ttl:
            return cached[1]
        files = rollup_files(await self._root.files(rollup_prefix(source)))
        self._listings[source] = (time.monotonic(), files)
        return files

    async def check(self, listing: Listing, level: Level, symbol: str, year: int) -> Check:
        """Whether the rollup of `symbol` and `year` matches the year's files in `listing`."""
        stored = (await self.listing(listing.source)).get((level.name, symbol, year))
        if stored is None:
            return Check("missing")
        provenance = await self._provenance(stored)
        if provenance is None:
            return Check("unreadable", stored)
        expected = Provenance(level.name, source_digest(listing, symbol, year) or "")
        return Check("fresh" if provenance == expected else "stale", stored)

    async def usable(
        self, listing: Listing, level: Level, symbol: str, years: Iterable[int]
    ) -> dict[int, str]:
        """year -> key of each fresh rollup; the others are logged (once per version)."""
        chosen = list(years)
        checks = await asyncio.gather(*(self.check(listing, level, symbol, y) for y in chosen))
        fresh = {}
        for year, check in zip(chosen, checks, strict=True):
            if check.fresh and check.file is not None:
                fresh[year] = check.file.key
            else:
                self._warn(check, level, symbol, year, listing.source)
        return fresh

    async def _provenance(self, stored: RollupFile) -> Provenance | None:
        url = self._root.url(stored.key)
        cached = self._provenances.get(url)
        if cached is not None and cached[0] == stored.version:
            return cached[1]
        try:
            found: Provenance | None = await run(self._engine, read_provenance(url))
        except Unavailable:
            return None  # not kept: it may be readable on the next try
        except BadMarketData:
            found = None
        self._provenances[url] = (stored.version, found)
        return found

    def _warn(
        self, check: Check, level: Level, symbol: str, year: int, source: SourceResolution
    ) -> None:
        key = check.file.key if check.file else rollup_key(source, level.name, symbol, year)
        seen = (key, check.file.version if check.file else None)
        if seen in self._warned:
            return
        self._warned.add(seen)
        log.warning(
            f"rollup {check.state}: reading minutes instead until `rollup` rebuilds it",
            extra={"rollup": key, "level": level.name, "symbol": symbol, "year": year},
        )
