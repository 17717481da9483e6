"""Which rollup level serves a timeframe, and how a range splits into minute and rollup spans."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from adapters.outbound.duckdb.rollups.levels import DAY, FIVE_MINUTES, HOUR, Level, level_for
from adapters.outbound.duckdb.rollups.spans import inner_bounds, plan_spans, years_inside
from core.domain.candles import bucket_start, to_ms
from core.domain.timeframe import Timeframe


def at(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)  # type: ignore[misc]


@pytest.mark.parametrize(
    ("timeframe", "level"),
    [
        ("1m", None),
        ("3m", None),
        ("7m", None),
        ("5m", "5m"),
        ("15m", "5m"),
        ("30m", "5m"),
        ("90m", "5m"),
        ("60m", "1h"),
        ("1h", "1h"),
        ("2h", "1h"),
        ("4h", "1h"),
        ("6h", "1h"),
        ("12h", "1h"),
        ("36h", "1h"),
        ("1d", "1d"),
        ("1440m", "1d"),
        ("3d", "1d"),
        ("1w", "1d"),
        ("1M", "1d"),
    ],
)
def test_the_coarsest_level_that_divides_the_timeframe_serves_it(
    timeframe: str, level: str | None
) -> None:
    chosen = level_for(Timeframe.parse(timeframe))

    assert (chosen.name if chosen else None) == level


def test_a_range_splits_into_minute_edges_and_the_rollups_of_fresh_years() -> None:
    start, end = at(2023, 12, 31, 22, 17), at(2024, 1, 2, 3, 5)

    both = plan_spans(start, end, HOUR, {2023: "r23", 2024: "r24"})
    only_2024 = plan_spans(start, end, HOUR, {2024: "r24"})

    assert [(s.start, s.end, s.rollups) for s in both] == [
        (start, at(2023, 12, 31, 23), ()),
        (at(2023, 12, 31, 23), at(2024, 1, 2, 3), ("r23", "r24")),
        (at(2024, 1, 2, 3), end, ()),
    ]
    assert [(s.start, s.end, s.rollups) for s in only_2024] == [
        (start, at(2024, 1, 1), ()),
        (at(2024, 1, 1), at(2024, 1, 2, 3), ("r24",)),
        (at(2024, 1, 2, 3), end, ()),
    ]


def test_a_range_inside_one_bucket_is_read_from_minutes_only() -> None:
    start, end = at(2024, 3, 1, 10, 5), at(2024, 3, 1, 10, 55)

    spans = plan_spans(start, end, HOUR, {2024: "r24"})

    assert [(s.start, s.end, s.rollups) for s in spans] == [(start, end, ())]
    assert list(years_inside(start, end, HOUR)) == []


def test_a_start_a_microsecond_past_a_boundary_leaves_that_bucket_to_minutes() -> None:
    start = at(2024, 3, 1, 10) + timedelta(microseconds=1)

    first, last = inner_bounds(start, at(2024, 3, 1, 13), HOUR)

    assert (first, last) == (at(2024, 3, 1, 11), at(2024, 3, 1, 13))


moments = st.datetimes(
    min_value=datetime(2021, 6, 1), max_value=datetime(2025, 6, 1), timezones=st.just(UTC)
)


@given(
    moments,
    st.timedeltas(timedelta(seconds=1), timedelta(days=900)),
    st.sampled_from([FIVE_MINUTES, HOUR, DAY]),
    st.sets(st.integers(2021, 2025)),
)
def test_spans_cover_the_range_once_and_rollups_only_whole_buckets_of_fresh_years(
    start: datetime, length: timedelta, level: Level, fresh_years: set[int]
) -> None:
    end = start + length
    fresh = {year: f"r{year}" for year in fresh_years}

    spans = plan_spans(start, end, level, fresh)

    assert spans[0].start == start
    assert spans[-1].end == end
    assert all(a.end == b.start for a, b in pairwise(spans))
    assert all(span.start < span.end for span in spans)
    for span in (s for s in spans if s.rollups):
        assert to_ms(span.start) % level.width_ms == 0
        assert to_ms(span.end) % level.width_ms == 0
        years = range(span.start.year, (span.end - timedelta(milliseconds=1)).year + 1)
        assert span.rollups == tuple(fresh[year] for year in years)


@given(moments, st.sampled_from(["5m", "15m", "90m", "1h", "4h", "1d", "3d", "1w", "1M"]))
def test_a_served_bucket_is_a_union_of_whole_level_buckets(moment: datetime, tf: str) -> None:
    timeframe = Timeframe.parse(tf)
    level = level_for(timeframe)
    assert level is not None

    start = bucket_start(to_ms(moment), timeframe)

    assert start % level.width_ms == 0
