"""DuckDbCandleStore: one adapter, two roots, the same SQL."""

from __future__ import annotations

import time
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any

import duckdb

from adapters.outbound.duckdb.engine import DuckDbEngine
from adapters.outbound.duckdb.layout import PREFIX, Listing
from adapters.outbound.duckdb.roots import Root, S3Root
from adapters.outbound.duckdb.schema import FileSchema, file_schema
from core.domain.candles import (
    MINUTE_MS,
    WEEK_ORIGIN_MS,
    CandleQuery,
    CandleSeries,
    SourceResolution,
    SymbolCoverage,
)
from core.domain.errors import BadMarketData, NotFound, Unavailable
from core.domain.timeframe import Timeframe
from core.domain.values import Symbol

_STORAGE_ERRORS = (duckdb.IOException, duckdb.HTTPException)


def bucket_sql(timeframe: Timeframe) -> str:
    """The bucket start of `t` (epoch ms), by the rules in core.domain.candles."""
    if timeframe.is_calendar_month:
        return "epoch_ms(date_trunc('month', make_timestamp(t * 1000)))"
    width = (timeframe.minutes or 1) * MINUTE_MS
    origin = WEEK_ORIGIN_MS if str(timeframe) == "1w" else 0
    return f"((t - {origin}) // {width}) * {width} + {origin}"


class DuckDbCandleStore:
    """Reads only the files of the requested years (or days); listings are cached briefly."""

    def __init__(self, root: Root, engine: DuckDbEngine, listing_ttl_seconds: float = 30.0) -> None:
        self._root = root
        self._engine = engine
        self._ttl = listing_ttl_seconds
        self._listings: dict[SourceResolution, tuple[float, Listing]] = {}
        self._schemas: dict[str, FileSchema] = {}
        if isinstance(root, S3Root):
            engine.use_s3(root.settings)

    @property
    def root(self) -> Root:
        return self._root

    async def _listing(self, source: SourceResolution) -> Listing:
        cached = self._listings.get(source)
        if cached and time.monotonic() - cached[0] < self._ttl:
            return cached[1]
        listing = Listing.from_keys(source, await self._root.keys(PREFIX[source]))
        self._listings[source] = (time.monotonic(), listing)
        return listing

    def forget_listings(self) -> None:
        self._listings.clear()

    async def symbols(self, source: SourceResolution) -> list[SymbolCoverage]:
        listing = await self._listing(source)
        return [_coverage(symbol, listing) for symbol in sorted(listing.files)]

    async def coverage(self, symbol: Symbol, source: SourceResolution) -> SymbolCoverage:
        listing = await self._listing(source)
        if symbol.value not in listing.files:
            raise NotFound(f"no market data for symbol {symbol}")
        return _coverage(symbol.value, listing)

    async def candles(self, query: CandleQuery) -> CandleSeries:
        listing = await self._listing(query.source)
        periods = listing.files.get(query.symbol.value)
        if periods is None:
            raise NotFound(f"no market data for symbol {query.symbol}")
        keys = [key for period in _periods(query) if period in periods for key in periods[period]]
        if not keys:
            return CandleSeries(query.symbol, query.timeframe)
        schemas = [await self._schema(self._root.url(key)) for key in keys]
        sql = _aggregate_sql(schemas, query.timeframe, query.limit)
        table = await self._run(sql, _params(schemas, query))
        columns = [table.column(i).to_pylist() for i in range(6)]
        return CandleSeries(query.symbol, query.timeframe, *columns)

    async def _schema(self, url: str) -> FileSchema:
        schema = self._schemas.get(url)
        if schema is None:
            try:
                rows = await self._run(f"DESCRIBE SELECT * FROM read_parquet('{_escape(url)}')")
            except BadMarketData as error:
                raise BadMarketData(
                    f"{url}: not a readable Parquet file ({error.detail})"
                ) from None
            names, kinds = rows.column(0).to_pylist(), rows.column(1).to_pylist()
            schema = self._schemas[url] = file_schema(url, dict(zip(names, kinds, strict=True)))
        return schema

    async def _run(self, sql: str, params: Sequence[Any] = ()) -> Any:
        try:
            return await self._engine.run(self._engine.query(sql, list(params)))
        except _STORAGE_ERRORS as error:
            message = str(error)
            if "No magic bytes" in message or "not a parquet file" in message.lower():
                raise BadMarketData(message.splitlines()[0]) from None
            raise Unavailable(
                f"market-data storage unreachable: {message.splitlines()[0][:200]}"
            ) from None
        except (
            duckdb.InvalidInputException,
            duckdb.ConversionException,
            duckdb.BinderException,
        ) as error:
            raise BadMarketData(str(error).splitlines()[0][:300]) from None


def _escape(url: str) -> str:
    return url.replace("'", "''")


def _aggregate_sql(schemas: list[FileSchema], timeframe: Timeframe, limit: int | None) -> str:
    parts = [s.select(f"${2 * i + 1}", f"${2 * i + 2}") for i, s in enumerate(schemas)]
    bars = " UNION ALL ".join(parts)
    return (
        f"SELECT {bucket_sql(timeframe)} AS bucket, arg_min(open, t) AS open, max(high) AS high, "
        "min(low) AS low, arg_max(close, t) AS close, sum(volume) AS volume "
        f"FROM ({bars}) GROUP BY bucket ORDER BY bucket"
        + (f" LIMIT {int(limit)}" if limit is not None else "")
    )


def _params(schemas: list[FileSchema], query: CandleQuery) -> list[Any]:
    params: list[Any] = []
    for schema in schemas:
        if schema.time_kind == "epoch_ms":
            params += [query.start_ms, query.end_ms]
        elif schema.time_kind == "tz":
            params += [query.start.astimezone(UTC), query.end.astimezone(UTC)]
        else:
            params += [_naive(query.start), _naive(query.end)]
    return params


def _naive(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(tzinfo=None)


def _periods(query: CandleQuery) -> list[int | date]:
    if query.source == SourceResolution.YEARLY:
        return list(query.years())
    first = query.start.astimezone(UTC).date()
    last = datetime.fromtimestamp((query.end_ms - 1) / 1000, UTC).date()
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def _coverage(symbol: str, listing: Listing) -> SymbolCoverage:
    periods = sorted(listing.files[symbol])
    if listing.source == SourceResolution.YEARLY:
        return SymbolCoverage(Symbol(symbol), listing.source, tuple(periods))  # type: ignore[arg-type]
    days = tuple(periods)
    years = tuple(sorted({d.year for d in days}))  # type: ignore[union-attr]
    return SymbolCoverage(Symbol(symbol), listing.source, years, days)  # type: ignore[arg-type]
