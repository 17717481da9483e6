"""DuckDbCandleStore: one adapter, two roots (a folder or an S3 bucket), the same SQL.

Construct it with a root and an engine; both are closed by whoever made them:

    engine = DuckDbEngine(workers=4)
    store = DuckDbCandleStore(LocalRoot(Path("data")), engine)
    store = DuckDbCandleStore(S3Root(S3Settings("localhost:9000", key, secret)), engine)
    ...
    await root.close(); await engine.close()

`candles` answers the port with a CandleSeries (Python columns). `candles_arrow` answers the
same query with the same rules and errors as an Arrow table, for callers that stream Arrow or
CSV and would rather skip Python objects; it is not part of the port. Nor is `plan`, which
tells which rollups a query would read (see the rollups package).
"""

from __future__ import annotations

import asyncio
import logging
import time

import pyarrow as pa

from adapters.outbound.duckdb.coverage import symbol_coverage
from adapters.outbound.duckdb.engine import DuckDbEngine
from adapters.outbound.duckdb.inspection import FileInspector
from adapters.outbound.duckdb.reads import plan_parts, read_parts, shortcut
from adapters.outbound.duckdb.rollups.catalog import RollupCatalog
from adapters.outbound.duckdb.rollups.levels import level_for
from adapters.outbound.duckdb.rollups.spans import ReadPlan, Span, plan_spans, years_inside
from adapters.outbound.market_data_storage.layout import PREFIX, Listing
from adapters.outbound.market_data_storage.roots import Root, S3Root
from core.domain.candles import CandleQuery, CandleSeries, SourceResolution, SymbolCoverage
from core.domain.errors import BadMarketData, NotFound, Unavailable

log = logging.getLogger("backtest.market_data")
ARROW_SCHEMA = pa.schema(
    [
        ("timestamp", pa.timestamp("ms", tz="UTC")),
        *[(name, pa.float64()) for name in ("open", "high", "low", "close", "volume")],
    ]
)


class DuckDbCandleStore:
    """Reads only the files of the requested years (or days); listings are cached briefly.

    Coverages (with the first and last bar times, read from the footers of the first and
    last period's files) are kept with the listing they were made from. With `rollups`, a
    timeframe that a rollup level serves reads the fresh rollups inside the range and the
    minutes only at its edges; without, every read aggregates the minutes.
    """

    def __init__(
        self,
        root: Root,
        engine: DuckDbEngine,
        listing_ttl_seconds: float = 30.0,
        *,
        rollups: bool = True,
    ) -> None:
        self._root = root
        self._engine = engine
        self._ttl = listing_ttl_seconds
        self._listings: dict[SourceResolution, tuple[float, Listing]] = {}
        self._files = FileInspector(root, engine)
        self._rollups = RollupCatalog(root, engine, listing_ttl_seconds) if rollups else None
        self._coverages: dict[SourceResolution, tuple[Listing, dict[str, SymbolCoverage]]] = {}
        if isinstance(root, S3Root):
            engine.use_s3(root.settings)

    @property
    def root(self) -> Root:
        return self._root

    async def _listing(self, source: SourceResolution) -> Listing:
        cached = self._listings.get(source)
        if cached and time.monotonic() - cached[0] < self._ttl:
            return cached[1]
        listing = Listing.from_files(source, await self._root.files(PREFIX[source]))
        self._listings[source] = (time.monotonic(), listing)
        return listing

    def forget_listings(self) -> None:
        self._listings.clear()
        self._coverages.clear()
        if self._rollups is not None:
            self._rollups.forget()

    async def symbols(self, source: SourceResolution) -> list[SymbolCoverage]:
        listing = await self._listing(source)
        return list(
            await asyncio.gather(*(self._covered(s, listing) for s in sorted(listing.files)))
        )

    async def _covered(self, symbol: str, listing: Listing) -> SymbolCoverage:
        kept = self._coverages.get(listing.source)
        if kept is None or kept[0] is not listing:
            kept = self._coverages[listing.source] = (listing, {})
        known = kept[1].get(symbol)
        if known is None:
            try:
                known = await symbol_coverage(
                    symbol, listing, lambda k: self._files.bounds(k, listing.versions.get(k, ""))
                )
            except Unavailable:
                self._listings.pop(listing.source, None)
                raise
            kept[1][symbol] = known
        return known

    async def candles(self, query: CandleQuery) -> CandleSeries:
        table = await self._aggregate(query)
        if table is None:
            return CandleSeries(query.symbol, query.timeframe)
        columns = [table.column(i).to_pylist() for i in range(6)]
        return CandleSeries(query.symbol, query.timeframe, *columns)

    async def bars(self, query: CandleQuery) -> CandleSeries:
        """Numpy columns straight from Arrow: no Python object per value."""
        table = await self._aggregate(query)
        if table is None:
            return CandleSeries(query.symbol, query.timeframe)
        times = table.column(0).cast(pa.int64()).to_numpy()
        values = [table.column(i).cast(pa.float64()).to_numpy() for i in range(1, 6)]
        return CandleSeries(query.symbol, query.timeframe, times, *values)

    async def candles_arrow(self, query: CandleQuery) -> pa.Table:
        """The candles of `query` as a table of ARROW_SCHEMA, without Python objects."""
        table = await self._aggregate(query)
        if table is None:
            return ARROW_SCHEMA.empty_table()
        times = table.column(0).cast(pa.int64()).cast(ARROW_SCHEMA.field(0).type)
        return pa.Table.from_arrays([times, *table.columns[1:]], schema=ARROW_SCHEMA)

    async def plan(self, query: CandleQuery) -> ReadPlan:
        """Which spans of the query come from which rollups, and which from minutes."""
        return await self._plan(query, await self._known(query))

    async def _known(self, query: CandleQuery) -> Listing:
        listing = await self._listing(query.source)
        if query.symbol.value not in listing.files:
            raise NotFound(f"no market data for symbol {query.symbol}")
        return listing

    async def _plan(self, query: CandleQuery, listing: Listing) -> ReadPlan:
        level = level_for(query.timeframe) if self._rollups is not None else None
        if level is None or self._rollups is None:
            return ReadPlan(None, (Span(query.start, query.end),))
        stored = set(listing.years(query.symbol.value))
        years = [y for y in years_inside(query.start, query.end, level) if y in stored]
        try:
            fresh = await self._rollups.usable(listing, level, query.symbol.value, years)
        except Unavailable:
            fresh = {}  # the minutes tell whether storage is really gone
        return ReadPlan(level, plan_spans(query.start, query.end, level, fresh))

    async def _aggregate(self, query: CandleQuery) -> pa.Table | None:
        listing = await self._known(query)
        plan = await self._plan(query, listing)
        try:
            return await self._read(query, listing, plan)
        except (Unavailable, BadMarketData) as error:
            if not plan.rollup_keys or self._rollups is None:
                raise
            # A rollup removed or broken since it was listed: the minutes still answer.
            log.warning("rollup read failed; reading minutes", extra={"error": str(error)})
            self._rollups.forget()
            return await self._read(query, listing, ReadPlan(None, (Span(query.start, query.end),)))

    async def _read(self, query: CandleQuery, listing: Listing, plan: ReadPlan) -> pa.Table | None:
        keys: list[str] = []
        try:
            parts, keys = await plan_parts(plan, query, listing, self._files, self._root)
            if not parts:
                return None
            short = shortcut(query, listing, plan, parts)
            return await read_parts(self._engine, parts, query, short)
        except Unavailable:
            # A file listed a moment ago may be gone: list again next time.
            self._listings.pop(query.source, None)
            raise
        except BadMarketData as error:
            detail = self._root.redact(error.detail)  # files named by key, nothing else
            if not keys or any(key in detail for key in keys):
                raise BadMarketData(detail) from None  # it names the file already
            raise BadMarketData(f"{', '.join(keys)}: {detail}") from None
