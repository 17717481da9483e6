"""The one aggregate query, over every part a read needs, by the rules in core.domain.candles.

Per bucket: open = first open, high = max, low = min, close = last close, volume = sum; the
bucket is the start of a left-closed UTC interval (epoch-aligned minutes, hours and days,
weeks from Monday, calendar months). Buckets without bars never appear: GROUP BY makes none.

A part is a set of files of identical columns and the time range to take from them: minute
files, or rollups (bars already aggregated to a coarser bucket, read by the same rules).
Volumes are summed with DuckDB's fsum (Kahan): the result hardly depends on the order of the
rows, so a bucket summed from hourly sums and from minutes agrees to within an ulp or two,
and exactly when volumes are whole numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from adapters.outbound.duckdb.schema import FileSchema
from core.domain.candles import MINUTE_MS, WEEK_ORIGIN_MS, to_ms
from core.domain.timeframe import Timeframe

AGGREGATES = (
    "arg_min(open, t) AS open, max(high) AS high, min(low) AS low, "
    "arg_max(close, t) AS close, fsum(volume) AS volume"
)


@dataclass(frozen=True)
class Part:
    """The bars of `urls` (read as `schema` says) from `start` (inclusive) to `end`; `rollup`
    when they are rollups rather than minutes."""

    schema: FileSchema
    urls: tuple[str, ...]
    start: datetime
    end: datetime
    rollup: bool = False


def bucket_sql(timeframe: Timeframe) -> str:
    """The bucket start of `t` (epoch ms)."""
    if timeframe.is_calendar_month:
        return "epoch_ms(date_trunc('month', make_timestamp(t * 1000)))"
    width = (timeframe.minutes or 1) * MINUTE_MS
    origin = WEEK_ORIGIN_MS if str(timeframe) == "1w" else 0
    return f"((t - {origin}) // {width}) * {width} + {origin}"


def aggregate_sql(
    parts: Sequence[Part], timeframe: Timeframe, limit: int | None = None
) -> tuple[str, list[Any]]:
    """The query and its parameters; each part is read in one scan."""
    bars, params = _union(parts)
    sql = (
        f"SELECT {bucket_sql(timeframe)} AS bucket, {AGGREGATES} "
        f"FROM ({bars}) GROUP BY bucket ORDER BY bucket"
    )
    return sql + _limit(limit), params


def stored_bars_sql(
    stored: Sequence[Part],
    aggregated: Sequence[Part],
    timeframe: Timeframe,
    limit: int | None = None,
) -> tuple[str, list[Any]]:
    """The rows of `stored` as they are, with those of `aggregated` aggregated to `timeframe`.

    This answers the query only when the stored rows are already its buckets (times strictly
    increasing, on bucket starts) apart from the aggregated ones: the caller checks that.
    Stored rows alone keep the files' order (DuckDB keeps it without ORDER BY); anything more
    is sorted. With a limit one more row is taken, so a bucket stored twice at the cut shows.
    """
    rows, params = _union(stored)
    selects = [f"SELECT t AS bucket, open, high, low, close, volume FROM ({rows})"]
    if aggregated:
        edges, more = _union(aggregated, first=len(params))
        selects.append(
            f"SELECT {bucket_sql(timeframe)} AS bucket, {AGGREGATES} FROM ({edges}) GROUP BY bucket"
        )
        params += more
    sql = " UNION ALL ".join(selects)
    if limit is None and not aggregated:
        return sql, params
    more_one = None if limit is None else limit + 1
    return f"SELECT * FROM ({sql}) ORDER BY bucket{_limit(more_one)}", params


def _union(parts: Sequence[Part], first: int = 0) -> tuple[str, list[Any]]:
    """The parts' bars in one relation; its parameters are numbered from `first` + 1."""
    selects: list[str] = []
    params: list[Any] = []
    for part in parts:
        n = first + len(params)
        selects.append(part.schema.select(f"${n + 1}", f"${n + 2}", part.urls))
        params += bounds(part.schema, part.start, part.end)
    return " UNION ALL ".join(selects), params


def _limit(limit: int | None) -> str:
    return "" if limit is None else f" LIMIT {int(limit)}"


def bounds(schema: FileSchema, start: datetime, end: datetime) -> list[Any]:
    """A range in the file's own time type, so the filter reaches the Parquet scan."""
    if schema.time_kind == "epoch_ms":
        return [to_ms(start), to_ms(end)]
    if schema.time_kind == "tz":
        return [start.astimezone(UTC), end.astimezone(UTC)]
    # Timestamps without a time zone are UTC by the storage contract.
    return [_naive(start), _naive(end)]


def _naive(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(tzinfo=None)
