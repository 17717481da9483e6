"""With rollups, the store answers what it answers from the minutes alone, for any series,
range and timeframe: generated minutes across a new year, ranges off the hour and the day."""

from __future__ import annotations

import asyncio
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from adapters.outbound.duckdb.engine import DuckDbEngine
from adapters.outbound.duckdb.rollups.levels import level_for
from adapters.outbound.duckdb.rollups.spans import years_inside
from adapters.outbound.market_data_storage.roots import LocalRoot
from adapters.outbound.market_data_storage.sinks import LocalSink
from adapters.outbound.rollups.runs import build_rollups
from core.domain.candles import CandleQuery
from core.domain.timeframe import Timeframe
from core.domain.values import Symbol
from tests.support.marketdata import Bar
from tests.support.rollups import assert_same_answer, by_year, stores, write_years

NEW_YEAR = datetime(2024, 1, 1, tzinfo=UTC)
TIMEFRAMES = (
    "1m", "2m", "5m", "7m", "15m", "30m", "45m", "90m", "1h", "2h", "4h", "6h", "12h", "36h",
    "1d", "2d", "3d", "1w", "1M",
)  # fmt: skip


@st.composite
def minute_series(draw: st.DrawFn) -> list[Bar]:
    """Up to a few thousand bars with random gaps, across 2023-12-31/2024-01-01."""
    count = draw(st.integers(200, 3000))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    gaps = np.where(rng.random(count) < draw(st.floats(0, 0.5)), rng.integers(2, 400, count), 1)
    first = NEW_YEAR - timedelta(minutes=int(rng.integers(0, 3 * 1440)))
    times = int(first.timestamp() * 1000) + np.cumsum(gaps) * 60_000
    closes = np.round(100 * np.exp(np.cumsum(rng.normal(0, 0.002, count))), 5)
    opens = np.concatenate(([100.0], closes[:-1]))
    highs = np.maximum(opens, closes) + np.round(rng.random(count), 5)
    lows = np.minimum(opens, closes) - np.round(rng.random(count) * 0.5, 5)
    kind = draw(st.sampled_from(["fractional", "whole", "zero"]))
    volumes = {
        "fractional": np.round(rng.exponential(150.0, count), 4),
        "whole": rng.integers(0, 5000, count).astype(float),
        "zero": np.zeros(count),
    }[kind]
    columns = (times, opens, highs, lows, closes, volumes)
    return [(int(t), *map(float, rest)) for t, *rest in zip(*columns, strict=True)]


@st.composite
def ranges(draw: st.DrawFn, rows: list[Bar]) -> tuple[datetime, datetime]:
    """A range around the bars, to the second and microsecond (sometimes on a midnight)."""
    first = datetime.fromtimestamp(rows[0][0] / 1000, UTC)
    span = (rows[-1][0] - rows[0][0]) // 1000 + 3600
    start = first + timedelta(seconds=draw(st.integers(-3600, span)))
    start += timedelta(microseconds=draw(st.integers(0, 999_999)))
    end = start + timedelta(seconds=draw(st.integers(1, span)))
    if draw(st.booleans()):
        start = start.replace(hour=0, minute=0, second=0, microsecond=0)
        end = end.replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(days=1)
    return start, end


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data(), minute_series())
def test_answers_with_rollups_equal_answers_from_the_minutes(
    data: st.DataObject, rows: list[Bar]
) -> None:
    asked = [(*data.draw(ranges(rows)), data.draw(st.sampled_from(TIMEFRAMES))) for _ in range(6)]
    whole = all(float(row[5]).is_integer() for row in rows)

    asyncio.run(compare(rows, asked, whole))


async def compare(
    rows: list[Bar], asked: list[tuple[datetime, datetime, str]], whole: bool
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        sink = LocalSink(Path(folder))
        await write_years(sink, "X", rows)
        built = await build_rollups(sink)
        engine = DuckDbEngine(workers=2)
        try:
            with_rollups, minutes_only = stores(LocalRoot(Path(folder)), engine)
            for start, end, tf in asked:
                query = CandleQuery(Symbol("X"), start, end, Timeframe.parse(tf))

                answer = await with_rollups.candles(query)
                plan = await with_rollups.plan(query)

                assert_same_answer(answer, await minutes_only.candles(query), exact_volume=whole)
                level = level_for(query.timeframe)
                inside = set(years_inside(start, end, level)) if level else set()
                assert bool(plan.rollup_keys) == bool(inside & set(by_year(rows))), (tf, start)
        finally:
            await engine.close()
    assert {outcome.state for outcome in built} == {"built"}
