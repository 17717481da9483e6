"""DuckDbCandleStore: one adapter, two roots (a folder or an S3 bucket), the same SQL.

Construct it with a root and an engine; both are closed by whoever made them:

    engine = DuckDbEngine(workers=4)
    store = DuckDbCandleStore(LocalRoot(Path("data")), engine)
    store = DuckDbCandleStore(S3Root(S3Settings("localhost:9000", key, secret)), engine)
    ...
    await root.close(); await engine.close()

`candles` answers the port with a CandleSeries (Python columns). `candles_arrow` answers the
same query with the same rules and errors as an Arrow table, for callers that stream Arrow or
CSV and would rather skip Python objects; it is not part of the port.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

import duckdb
import pyarrow as pa

from adapters.outbound.duckdb.bounds import Bounds, read_bounds
from adapters.outbound.duckdb.coverage import symbol_coverage
from adapters.outbound.duckdb.engine import DuckDbEngine
from adapters.outbound.duckdb.failures import read_failed
from adapters.outbound.duckdb.layout import PREFIX, Listing, periods_touched
from adapters.outbound.duckdb.roots import Root, S3Root
from adapters.outbound.duckdb.schema import FileSchema, column_stats, describe, file_schema
from adapters.outbound.duckdb.sql import aggregate_sql
from core.domain.candles import CandleQuery, CandleSeries, SourceResolution, SymbolCoverage
from core.domain.errors import BadMarketData, NotFound, Unavailable
from core.domain.values import Symbol

_STORAGE_ERRORS = (duckdb.IOException, duckdb.HTTPException)
_DATA_ERRORS = (duckdb.InvalidInputException, duckdb.ConversionException, duckdb.BinderException)
_NOT_PARQUET = ("no magic bytes", "not a parquet file", "too small to be a parquet file")
ARROW_SCHEMA = pa.schema(
    [
        ("timestamp", pa.timestamp("ms", tz="UTC")),
        *[(name, pa.float64()) for name in ("open", "high", "low", "close", "volume")],
    ]
)


class DuckDbCandleStore:
    """Reads only the files of the requested years (or days); listings are cached briefly.

    Coverages (with the first and last bar times, read from the footers of the first and
    last period's files) are kept with the listing they were made from.
    """

    def __init__(self, root: Root, engine: DuckDbEngine, listing_ttl_seconds: float = 30.0) -> None:
        self._root = root
        self._engine = engine
        self._ttl = listing_ttl_seconds
        self._listings: dict[SourceResolution, tuple[float, Listing]] = {}
        # url -> (version, schema, column signature): a rewritten file is inspected again.
        self._schemas: dict[str, tuple[str, FileSchema, tuple[str, ...]]] = {}
        self._bounds: dict[str, tuple[str, Bounds | None]] = {}  # url -> (version, bounds)
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

    async def symbols(self, source: SourceResolution) -> list[SymbolCoverage]:
        listing = await self._listing(source)
        return list(
            await asyncio.gather(*(self._covered(s, listing) for s in sorted(listing.files)))
        )

    async def coverage(self, symbol: Symbol, source: SourceResolution) -> SymbolCoverage:
        listing = await self._listing(source)
        if symbol.value not in listing.files:
            raise NotFound(f"no market data for symbol {symbol}")
        return await self._covered(symbol.value, listing)

    async def _covered(self, symbol: str, listing: Listing) -> SymbolCoverage:
        kept = self._coverages.get(listing.source)
        if kept is None or kept[0] is not listing:
            kept = self._coverages[listing.source] = (listing, {})
        known = kept[1].get(symbol)
        if known is None:
            try:
                known = await symbol_coverage(
                    symbol, listing, lambda k: self._file_bounds(k, listing)
                )
            except Unavailable:
                self._listings.pop(listing.source, None)
                raise
            kept[1][symbol] = known
        return known

    async def _file_bounds(self, key: str, listing: Listing) -> Bounds | None:
        """The file's first and last bar times; None for a file that holds none or does not fit."""
        url, version = self._root.url(key), listing.versions.get(key, "")
        cached = self._bounds.get(url)
        if cached is not None and cached[0] == version:
            return cached[1]
        try:
            schema, _ = await self._inspect(key, listing)
            bounds: Bounds | None = await self._run(read_bounds(schema))
        except BadMarketData:
            return None  # reading its candles names the file and the problem
        self._bounds[url] = (version, bounds)
        return bounds

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

    async def _aggregate(self, query: CandleQuery) -> pa.Table | None:
        listing = await self._listing(query.source)
        if query.symbol.value not in listing.files:
            raise NotFound(f"no market data for symbol {query.symbol}")
        keys = listing.keys_between(query.symbol.value, *periods_touched(query))
        if not keys:
            return None
        try:
            inspected = await asyncio.gather(*(self._inspect(key, listing) for key in keys))
            groups: dict[tuple[str, ...], tuple[FileSchema, list[str]]] = {}
            for schema, columns in inspected:
                groups.setdefault(columns, (schema, []))[1].append(schema.url)
            sql, params = aggregate_sql(list(groups.values()), query)
            table: pa.Table = await self._run(_fetch(sql, params))
        except Unavailable:
            # A file listed a moment ago may be gone: list again next time.
            self._listings.pop(query.source, None)
            raise
        except BadMarketData as error:
            detail = self._root.redact(error.detail)  # files named by key, nothing else
            if any(key in detail for key in keys):
                raise BadMarketData(detail) from None
            raise BadMarketData(f"{', '.join(keys)}: {detail}") from None
        return table

    async def _inspect(self, key: str, listing: Listing) -> tuple[FileSchema, tuple[str, ...]]:
        url, version = self._root.url(key), listing.versions.get(key, "")
        cached = self._schemas.get(url)
        if cached is not None and cached[0] == version:
            return cached[1], cached[2]
        try:
            described, stats = await self._run(describe(url))
        except BadMarketData as error:
            raise BadMarketData(f"{url}: not a readable Parquet file ({error.detail})") from None
        columns = {str(row[0]): str(row[1]) for row in described}
        schema = file_schema(url, columns, column_stats(stats))
        signature = tuple(f"{name} {kind}" for name, kind in columns.items())
        self._schemas[url] = (version, schema, signature)
        return schema, signature

    async def _run(self, work: Callable[[duckdb.DuckDBPyConnection], Any]) -> Any:
        try:
            return await self._engine.run(work)
        except _STORAGE_ERRORS as error:
            message = _first_line(error)
            if any(marker in message.lower() for marker in _NOT_PARQUET):
                raise BadMarketData(message) from None
            raise read_failed(message) from None
        except _DATA_ERRORS as error:
            raise BadMarketData(_first_line(error)[:300]) from None


def _first_line(error: BaseException) -> str:
    return str(error).splitlines()[0] if str(error) else type(error).__name__


def _fetch(sql: str, params: list[Any]) -> Callable[[duckdb.DuckDBPyConnection], pa.Table]:
    return lambda cursor: cursor.execute(sql, params).to_arrow_table()
