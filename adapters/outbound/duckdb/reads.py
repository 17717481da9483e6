"""A read plan turned into query parts, and the query that answers it.

Some answers skip the GROUP BY they do not need: minutes (1m) when each period has one file,
and a timeframe equal to the rollup level, whose rollup rows are its buckets already (only
the minutes at the range's edges are aggregated then). The result is checked: times on the
buckets' starts, strictly increasing. Anything else (a minute stored twice, rows out of
order, seconds) is aggregated as usual.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime

import numpy as np
import pyarrow as pa

from adapters.outbound.duckdb.engine import DuckDbEngine
from adapters.outbound.duckdb.inspection import FileInspector, Signature
from adapters.outbound.duckdb.rollups.spans import ReadPlan
from adapters.outbound.duckdb.running import fetch, run
from adapters.outbound.duckdb.schema import FileSchema
from adapters.outbound.duckdb.sql import Part, aggregate_sql, stored_bars_sql
from adapters.outbound.market_data_storage.layout import Listing, periods_between, periods_touched
from adapters.outbound.market_data_storage.roots import Root
from core.domain.candles import MINUTE_MS, CandleQuery


def rollup_schema(url: str) -> FileSchema:
    """Rollups are written by us, in the minute files' canonical columns."""
    return FileSchema(url, "timestamp", "tz", has_volume=True)


async def plan_parts(
    plan: ReadPlan, query: CandleQuery, listing: Listing, files: FileInspector, root: Root
) -> tuple[list[Part], list[str]]:
    """The parts to read and the keys of every file they name."""
    parts: list[Part] = []
    keys: list[str] = []
    for span in plan.spans:
        if span.rollups:
            urls = tuple(root.url(key) for key in span.rollups)
            parts.append(Part(rollup_schema(urls[0]), urls, span.start, span.end, rollup=True))
            keys += span.rollups
            continue
        touched = periods_between(query.source, span.start, span.end)
        minute_keys = listing.keys_between(query.symbol.value, *touched)
        parts += await minute_parts(minute_keys, listing, files, span.start, span.end)
        keys += minute_keys
    return parts, keys


async def minute_parts(
    keys: list[str], listing: Listing, files: FileInspector, start: datetime, end: datetime
) -> list[Part]:
    """[start, end) of the minute files `keys`: one part per kind of columns among them."""
    inspected = await asyncio.gather(
        *(files.schema(key, listing.versions.get(key, "")) for key in keys)
    )
    groups: dict[Signature, tuple[FileSchema, list[str]]] = {}
    for schema, signature in inspected:
        groups.setdefault(signature, (schema, []))[1].append(schema.url)
    return [Part(schema, tuple(urls), start, end) for schema, urls in groups.values()]


@dataclass(frozen=True)
class Shortcut:
    """`stored` parts whose rows are buckets of `width` ms already; `edges` to aggregate."""

    width: int
    stored: list[Part]
    edges: list[Part]


def shortcut(
    query: CandleQuery, listing: Listing, plan: ReadPlan, parts: list[Part]
) -> Shortcut | None:
    """How the query may skip aggregating what is stored; None when it may not."""
    if str(query.timeframe) == "1m":
        one_each = listing.one_file_per_period(query.symbol.value, *periods_touched(query))
        return Shortcut(MINUTE_MS, parts, []) if one_each else None
    level = plan.level
    if level is None or level.name != str(query.timeframe) or not plan.rollup_keys:
        return None
    rollups = [part for part in parts if part.rollup]
    return Shortcut(level.width_ms, rollups, [part for part in parts if not part.rollup])


async def read_parts(
    engine: DuckDbEngine, parts: list[Part], query: CandleQuery, short: Shortcut | None
) -> pa.Table:
    """The candles of `query` from `parts`, by the shortcut when it holds."""
    if short is not None:
        sql, params = stored_bars_sql(short.stored, short.edges, query.timeframe, query.limit)
        table: pa.Table = await run(engine, fetch(sql, params))
        if on_increasing_buckets(table, short.width):
            return table if query.limit is None else table.slice(0, query.limit)
    sql, params = aggregate_sql(parts, query.timeframe, query.limit)
    aggregated: pa.Table = await run(engine, fetch(sql, params))
    return aggregated


def on_increasing_buckets(table: pa.Table, width: int) -> bool:
    """Whether each row's time starts a bucket of `width` ms, each later than the last."""
    times = np.asarray(table.column(0).to_numpy(), dtype=np.int64)
    return bool((times % width == 0).all() and (np.diff(times) > 0).all())
