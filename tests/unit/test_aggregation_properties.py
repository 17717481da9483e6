"""Aggregation invariants, for the reference code and for the DuckDB SQL, against pandas."""

from __future__ import annotations

import asyncio
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from adapters.outbound.duckdb.candle_store import DuckDbCandleStore
from adapters.outbound.duckdb.engine import DuckDbEngine
from adapters.outbound.market_data_storage.bars_table import to_parquet_bytes
from adapters.outbound.market_data_storage.layout import yearly_key
from adapters.outbound.market_data_storage.roots import LocalRoot
from adapters.outbound.market_data_storage.sinks import LocalSink
from core.domain.aggregation import aggregate
from core.domain.candles import CandleQuery, CandleSeries
from core.domain.timeframe import Timeframe
from core.domain.values import Symbol
from tests.support.marketdata import Bar, table
from tests.support.pandas_reference import flat, flat_approx, resample

MINUTE = 60_000
ORIGIN = int(datetime(2022, 12, 20, tzinfo=UTC).timestamp() * 1000)
ONE_MINUTE = Timeframe.parse("1m")
timeframes = st.sampled_from(
    ["1m", "2m", "5m", "7m", "15m", "1h", "3h", "4h", "1d", "2d", "1w", "1M"]
)


@st.composite
def minute_series(draw: st.DrawFn) -> list[Bar]:
    """Sorted 1-minute bars with random gaps, spanning up to ~80 days across a new year."""
    offsets = draw(st.lists(st.integers(0, 80 * 1440), min_size=1, max_size=300, unique=True))
    out = []
    for offset in sorted(offsets):
        o = draw(st.floats(1, 1000, allow_nan=False))
        c = draw(st.floats(1, 1000, allow_nan=False))
        high = max(o, c) + draw(st.floats(0, 10))
        low = min(o, c) - draw(st.floats(0, 0.99))
        out.append((ORIGIN + offset * MINUTE, o, high, low, c, draw(st.floats(0, 1e6))))
    return out


def series_of(rows: list[Bar]) -> CandleSeries:
    return CandleSeries(Symbol("X"), ONE_MINUTE, *[list(c) for c in zip(*rows, strict=True)])


def close_enough(actual: list[Bar], expected: list[Bar]) -> bool:
    return flat(actual) == flat_approx(expected)


@given(minute_series(), timeframes)
def test_the_reference_matches_pandas(rows: list[Bar], tf: str) -> None:
    result = aggregate(series_of(rows), Timeframe.parse(tf))

    assert close_enough(result.rows(), resample(rows, tf))


@given(minute_series())
def test_five_minutes_then_an_hour_equals_an_hour_at_once(rows: list[Bar]) -> None:
    five = aggregate(series_of(rows), Timeframe.parse("5m"))
    via_five = aggregate(five, Timeframe.parse("1h"))
    direct = aggregate(series_of(rows), Timeframe.parse("1h"))

    assert close_enough(via_five.rows(), direct.rows())


@given(minute_series(), timeframes)
def test_volume_is_conserved_and_bounds_hold(rows: list[Bar], tf: str) -> None:
    result = aggregate(series_of(rows), Timeframe.parse(tf))

    assert sum(result.volume) == pytest.approx(sum(r[5] for r in rows), rel=1e-9)
    for _, o, h, low, c, _ in result.rows():
        assert h >= max(o, c)
        assert low <= min(o, c)
    assert list(result.times) == sorted(set(result.times))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(minute_series(), timeframes)
def test_the_duckdb_sql_matches_pandas(rows: list[Bar], tf: str) -> None:
    assert close_enough(asyncio.run(read_with_duckdb(rows, tf)), resample(rows, tf))


async def read_with_duckdb(rows: list[Bar], tf: str) -> list[Bar]:
    with tempfile.TemporaryDirectory() as folder:
        sink = LocalSink(Path(folder))
        for year in {datetime.fromtimestamp(r[0] / 1000, UTC).year for r in rows}:
            chunk = [r for r in rows if datetime.fromtimestamp(r[0] / 1000, UTC).year == year]
            await sink.write(yearly_key("X", year), to_parquet_bytes(table(chunk)))
        engine = DuckDbEngine(workers=1)
        try:
            store = DuckDbCandleStore(LocalRoot(Path(folder)), engine)
            query = CandleQuery(
                Symbol("X"),
                datetime(2022, 1, 1, tzinfo=UTC),
                datetime(2024, 1, 1, tzinfo=UTC),
                Timeframe.parse(tf),
            )
            return (await store.candles(query)).rows()
        finally:
            await engine.close()
