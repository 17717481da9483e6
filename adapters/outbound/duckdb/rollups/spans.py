"""How a read splits into minute and rollup spans.

For a level that serves the timeframe, [start, end) becomes [start, a) from minutes, [a, b)
from rollups and [b, end) from minutes, a and b being the level-aligned bounds inside the
range (none of it from rollups when a >= b). Inside [a, b), a year whose rollup is not fresh
is read from minutes too. Each level bucket lies within one UTC year, so a year's rollup holds
whole buckets only.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from adapters.outbound.duckdb.rollups.levels import Level
from core.domain.candles import EPOCH

_MS = timedelta(milliseconds=1)


@dataclass(frozen=True)
class Span:
    """[start, end) read from the rollups named by key, or from minutes when there are none."""

    start: datetime
    end: datetime
    rollups: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReadPlan:
    level: Level | None
    spans: tuple[Span, ...] = field(default=())

    @property
    def rollup_keys(self) -> tuple[str, ...]:
        return tuple(key for span in self.spans for key in span.rollups)


def inner_bounds(start: datetime, end: datetime, level: Level) -> tuple[datetime, datetime]:
    """The first and last level boundary inside [start, end], exact to the microsecond."""
    width = level.width_ms
    first = -((EPOCH - start) // _MS)  # start rounded up to a millisecond
    last = (end - EPOCH) // _MS
    return _at(-(-first // width) * width), _at(last // width * width)


def years_inside(start: datetime, end: datetime, level: Level) -> range:
    """The years the rollup part [a, b) of a read would touch; empty when there is none."""
    a, b = inner_bounds(start, end, level)
    if a >= b:
        return range(0)
    return range(a.year, (b - _MS).year + 1)


def plan_spans(
    start: datetime, end: datetime, level: Level | None, fresh: Mapping[int, str]
) -> tuple[Span, ...]:
    """The spans of [start, end), given the key of each year's fresh rollup."""
    if level is None:
        return (Span(start, end),)
    a, b = inner_bounds(start, end, level)
    covered: list[Span] = []
    for year in sorted(fresh):
        low = max(a, datetime(year, 1, 1, tzinfo=UTC))
        high = min(b, datetime(year + 1, 1, 1, tzinfo=UTC))
        if low >= high:
            continue
        if covered and covered[-1].end == low:
            covered[-1] = Span(covered[-1].start, high, (*covered[-1].rollups, fresh[year]))
        else:
            covered.append(Span(low, high, (fresh[year],)))
    spans: list[Span] = []
    cursor = start
    for span in covered:
        if cursor < span.start:
            spans.append(Span(cursor, span.start))
        spans.append(span)
        cursor = span.end
    if cursor < end:
        spans.append(Span(cursor, end))
    return tuple(spans)


def _at(ms: int) -> datetime:
    return EPOCH + timedelta(milliseconds=ms)
