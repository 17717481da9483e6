"""The one aggregate query, over every file a read needs, by the rules in core.domain.candles.

Per bucket: open = first open, high = max, low = min, close = last close, volume = sum; the
bucket is the start of a left-closed UTC interval (epoch-aligned minutes, hours and days,
weeks from Monday, calendar months). Buckets without bars never appear: GROUP BY makes none.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from adapters.outbound.duckdb.schema import FileSchema
from core.domain.candles import MINUTE_MS, WEEK_ORIGIN_MS, CandleQuery
from core.domain.timeframe import Timeframe


def bucket_sql(timeframe: Timeframe) -> str:
    """The bucket start of `t` (epoch ms)."""
    if timeframe.is_calendar_month:
        return "epoch_ms(date_trunc('month', make_timestamp(t * 1000)))"
    width = (timeframe.minutes or 1) * MINUTE_MS
    origin = WEEK_ORIGIN_MS if str(timeframe) == "1w" else 0
    return f"((t - {origin}) // {width}) * {width} + {origin}"


def aggregate_sql(
    groups: Sequence[tuple[FileSchema, list[str]]], query: CandleQuery
) -> tuple[str, list[Any]]:
    """The query and its parameters; files of identical columns are read in one scan."""
    parts: list[str] = []
    params: list[Any] = []
    for schema, urls in groups:
        n = len(params)
        parts.append(schema.select(f"${n + 1}", f"${n + 2}", urls))
        params += _bounds(schema, query)
    bars = " UNION ALL ".join(parts)
    sql = (
        f"SELECT {bucket_sql(query.timeframe)} AS bucket, arg_min(open, t) AS open, "
        "max(high) AS high, min(low) AS low, arg_max(close, t) AS close, sum(volume) AS volume "
        f"FROM ({bars}) GROUP BY bucket ORDER BY bucket"
    )
    if query.limit is not None:
        sql += f" LIMIT {int(query.limit)}"
    return sql, params


def _bounds(schema: FileSchema, query: CandleQuery) -> list[Any]:
    """The query's range in the file's own time type, so the filter reaches the Parquet scan."""
    if schema.time_kind == "epoch_ms":
        return [query.start_ms, query.end_ms]
    if schema.time_kind == "tz":
        return [query.start.astimezone(UTC), query.end.astimezone(UTC)]
    # Timestamps without a time zone are UTC by the storage contract.
    return [_naive(query.start), _naive(query.end)]


def _naive(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(tzinfo=None)
