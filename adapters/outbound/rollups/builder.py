"""Builds the rollups of one symbol-year from its minute files, when missing or stale.

The minute files are listed before they are read: a file rewritten in between leaves the
rollup recording the older version, so the store sees it stale and reads minutes (safe),
never the reverse.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, datetime

import pyarrow as pa

from adapters.outbound.duckdb.engine import DuckDbEngine
from adapters.outbound.duckdb.inspection import FileInspector
from adapters.outbound.duckdb.reads import minute_parts
from adapters.outbound.duckdb.rollups.catalog import RollupCatalog
from adapters.outbound.duckdb.rollups.levels import LEVELS, Level
from adapters.outbound.duckdb.rollups.provenance import Provenance, source_digest
from adapters.outbound.duckdb.running import fetch, run
from adapters.outbound.duckdb.sql import aggregate_sql
from adapters.outbound.market_data_storage.layout import PREFIX, Listing
from adapters.outbound.market_data_storage.rollup_layout import rollup_key
from adapters.outbound.market_data_storage.roots import S3Root
from adapters.outbound.market_data_storage.sinks import Sink
from adapters.outbound.rollups.writing import rollup_bytes
from core.domain.candles import SourceResolution
from core.domain.errors import BadMarketData, Unavailable

BUILT, UP_TO_DATE, FAILED = "built", "up to date", "failed"


@dataclass(frozen=True)
class Outcome:
    """What became of one rollup; `detail` tells why it failed."""

    key: str
    symbol: str
    year: int
    level: str
    state: str
    detail: str = ""


class RollupBuilder:
    """Builds into `sink`, reading the minutes through the root the sink writes to."""

    def __init__(
        self, sink: Sink, engine: DuckDbEngine, levels: tuple[Level, ...] = LEVELS
    ) -> None:
        self._sink = sink
        self._root = sink.root
        self._engine = engine
        if isinstance(self._root, S3Root):
            engine.use_s3(self._root.settings)
        self._levels = levels
        self._files = FileInspector(self._root, engine)
        # One run sees the rollups as they were when it started; it rewrites, never rereads.
        self._catalog = RollupCatalog(self._root, engine, ttl_seconds=math.inf)

    async def listing(self, source: SourceResolution) -> Listing:
        """The minute files as they are now; Unavailable when storage cannot be listed."""
        return Listing.from_files(source, await self._root.files(PREFIX[source]))

    async def build_year(
        self, listing: Listing, symbol: str, year: int, *, force: bool = False
    ) -> list[Outcome]:
        """Each level's outcome for `symbol` and `year`; a failure is told, never raised."""
        digest = source_digest(listing, symbol, year) or ""
        outcomes = []
        for level in self._levels:
            key = rollup_key(listing.source, level.name, symbol, year)
            try:
                if not force and (await self._catalog.check(listing, level, symbol, year)).fresh:
                    outcomes.append(Outcome(key, symbol, year, level.name, UP_TO_DATE))
                    continue
                candles = await self._aggregate(listing, symbol, year, level)
                data = rollup_bytes(candles, Provenance(level.name, digest))
                await self._sink.write(key, data)
            except (BadMarketData, Unavailable) as error:
                detail = self._root.redact(error.detail)
                outcomes.append(Outcome(key, symbol, year, level.name, FAILED, detail))
                continue
            except OSError as error:  # the folder refused the write
                outcomes.append(Outcome(key, symbol, year, level.name, FAILED, str(error)))
                continue
            outcomes.append(Outcome(key, symbol, year, level.name, BUILT))
        return outcomes

    async def _aggregate(self, listing: Listing, symbol: str, year: int, level: Level) -> pa.Table:
        keys = listing.keys_in_year(symbol, year)
        start, end = datetime(year, 1, 1, tzinfo=UTC), datetime(year + 1, 1, 1, tzinfo=UTC)
        parts = await minute_parts(keys, listing, self._files, start, end)
        sql, params = aggregate_sql(parts, level.timeframe)
        table: pa.Table = await run(self._engine, fetch(sql, params))
        return table
