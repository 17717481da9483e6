"""On real recorded bars from ../shared/marketdata (skipped where that folder is absent): the
store answers the same with and without rollups, volumes included (whole numbers or none)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from adapters.outbound.duckdb.engine import DuckDbEngine
from adapters.outbound.market_data_storage.roots import LocalRoot
from adapters.outbound.market_data_storage.sinks import LocalSink
from adapters.outbound.parquet.ingest.ingest import ingest_files
from tests.support.candles import query
from tests.support.rollups import assert_same_answer, stores
from tests.support.shared_data import raw_file

pytestmark = pytest.mark.realdata
TIMEFRAMES = ("1h", "4h", "1d", "1w", "1M")


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


@pytest.mark.parametrize(
    ("name", "symbol", "ranges"),
    [
        (
            "fxcm-usdjpy-m1-bid-2013.csv",
            "USDJPY",
            [
                ("2013-01-01 00:00:00", "2014-01-01 00:00:00"),
                ("2013-03-10 13:45:10", "2013-08-07 02:03:04.5"),
            ],
        ),
        (
            "6EH4.XCME_1min_bars_20240101_20240131.csv.gz",
            "6EH4",
            [
                ("2024-01-02 10:17:45", "2024-01-29 18:45:01"),
                ("2023-12-31 23:59:59", "2024-02-01 00:00:01"),
            ],
        ),
    ],
)
async def test_a_real_symbol_year_answers_the_same_with_and_without_rollups(
    tmp_path: Path, name: str, symbol: str, ranges: list[tuple[str, str]]
) -> None:
    await ingest_files([raw_file(name)], symbol, LocalSink(tmp_path))
    engine = DuckDbEngine(workers=2)
    try:
        with_rollups, minutes_only = stores(LocalRoot(tmp_path), engine)
        for start, end in ranges:
            for tf in TIMEFRAMES:
                asked = query(symbol, utc(start), utc(end), tf)

                answer = await with_rollups.candles(asked)
                plan = await with_rollups.plan(asked)

                assert_same_answer(answer, await minutes_only.candles(asked), exact_volume=True)
                assert plan.rollup_keys, (start, end, tf)
                assert len(answer) > 0
    finally:
        await engine.close()
