"""On real recorded bars from ../shared/marketdata (skipped where that folder is absent)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pytest

from adapters.outbound.duckdb.candle_store import DuckDbCandleStore
from adapters.outbound.duckdb.engine import DuckDbEngine
from adapters.outbound.market_data_storage.roots import LocalRoot
from adapters.outbound.market_data_storage.sinks import LocalSink
from adapters.outbound.parquet.ingest.ingest import ingest_files
from core.domain.candles import CandleQuery, CandleSeries
from core.domain.timeframe import Timeframe
from core.domain.values import Symbol
from tests.support.shared_data import raw_file

pytestmark = pytest.mark.realdata


@pytest.mark.parametrize("tf", ["1h", "1d", "1w"])
async def test_a_year_of_fxcm_usdjpy_aggregates_as_pandas_does(tmp_path: Path, tf: str) -> None:
    source = raw_file("fxcm-usdjpy-m1-bid-2013.csv")
    report = await ingest_files([source], "USDJPY", LocalSink(tmp_path))
    series = await read(tmp_path, "USDJPY", datetime(2013, 1, 1), datetime(2014, 1, 1), tf)

    frame = pd.read_csv(source, parse_dates=["timestamp"]).set_index("timestamp")
    rule = {"1h": "1h", "1d": "24h", "1w": "W-MON"}[tf]
    options = {"origin": "epoch"} if tf != "1w" else {}
    expected = (
        frame.resample(rule, label="left", closed="left", **options)
        .agg({"open": "first", "high": "max", "low": "min", "close": "last"})
        .dropna()
    )
    assert report.rows_kept == 366_456
    assert report.bad_rows == 0
    assert len(series) == len(expected)
    assert list(series.times) == [int(t.timestamp() * 1000) for t in expected.index]
    assert list(series.close) == pytest.approx(list(expected.close))
    assert list(series.high) == pytest.approx(list(expected.high))
    assert set(series.volume) == {0.0}


@pytest.mark.parametrize(
    ("zone", "worst_median_pips"), [("America/New_York", 1.0), ("-05:00", None)]
)
async def test_histdata_lines_up_with_utc_data_in_new_york_time(
    tmp_path: Path, zone: str, worst_median_pips: float | None
) -> None:
    """April-June 2017 HistData closes match the UTC hourly EURUSD.csv only in New York time
    (daylight saving included), not at HistData's documented fixed UTC-5."""
    months = [raw_file(f"DAT_ASCII_EURUSD_M1_20170{m}.csv") for m in (4, 5, 6)]
    hourly = pd.read_csv(raw_file("EURUSD.csv"), index_col=0, parse_dates=True)
    await ingest_files(months, "EURUSD", LocalSink(tmp_path), source_tz=zone)
    series = await read(tmp_path, "EURUSD", datetime(2017, 4, 20), datetime(2017, 6, 30), "1h")

    ours = pd.Series(list(series.close), index=pd.to_datetime(list(series.times), unit="ms"))
    theirs = hourly.Close
    joined = pd.concat([ours, theirs], axis=1, join="inner").dropna()
    pips = (joined.iloc[:, 0] - joined.iloc[:, 1]).abs() * 10_000
    assert len(joined) > 500
    if worst_median_pips is None:
        assert pips.median() > 2.0
    else:
        assert pips.median() < worst_median_pips


async def read(folder: Path, symbol: str, start: datetime, end: datetime, tf: str) -> CandleSeries:
    """Candles from the folder, through the DuckDB store; naive times are UTC."""
    engine = DuckDbEngine(workers=2)
    try:
        store = DuckDbCandleStore(LocalRoot(folder), engine)
        query = CandleQuery(
            Symbol(symbol),
            start.replace(tzinfo=UTC),
            end.replace(tzinfo=UTC),
            Timeframe.parse(tf),
        )
        return await store.candles(query)
    finally:
        await engine.close()
