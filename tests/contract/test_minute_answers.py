"""Minute answers skip the GROUP BY only when the stored bars allow it: whatever the file's
order, repeats or seconds, a 1m answer is the minutes aggregated by the rules (pandas)."""

from __future__ import annotations

import random
from collections.abc import AsyncIterator
from datetime import date
from pathlib import Path

import numpy as np
import pyarrow as pa
import pytest

from adapters.outbound.duckdb.reads import on_increasing_buckets
from adapters.outbound.market_data_storage.layout import daily_key, yearly_key
from core.domain.candles import SourceResolution
from tests.support.candles import Files, at, harness, parquet, query
from tests.support.marketdata import Bar, bars, ms, table
from tests.support.pandas_reference import resample

ETH = bars(ms(2024, 3, 1), 600, seed=4, gap_every=5)
DAY_START, DAY_END = at(2024, 3, 1), at(2024, 3, 2)


@pytest.fixture
async def files(tmp_path: Path) -> AsyncIterator[Files]:
    async with harness("local", tmp_path) as made:
        yield made.files


def expected(rows: list[Bar], limit: int | None = None) -> list[Bar]:
    return resample(rows, "1m", DAY_START, DAY_END)[:limit]


async def answer(files: Files, limit: int | None = None) -> list[Bar]:
    series = await files.store().candles(query("ETH", DAY_START, DAY_END, "1m", limit=limit))
    return series.rows()


async def test_bars_stored_in_order_are_answered_as_they_are(files: Files) -> None:
    await files.write(yearly_key("ETH", 2024), parquet(table(ETH)))

    assert await answer(files) == expected(ETH)
    assert await answer(files, limit=7) == expected(ETH, 7)


async def test_bars_stored_out_of_order_come_back_sorted(files: Files) -> None:
    shuffled = random.Random(5).sample(ETH, len(ETH))
    await files.write(yearly_key("ETH", 2024), parquet(table(shuffled)))

    assert await answer(files) == expected(ETH)
    assert await answer(files, limit=9) == expected(ETH, 9)


@pytest.mark.parametrize("limit", [None, 5])
async def test_a_minute_stored_twice_is_one_candle(files: Files, limit: int | None) -> None:
    # The fifth minute again, higher and with more volume: high is the max, volume the sum.
    t, o, h, low, c, v = ETH[4]
    again = (t, o, h + 1.0, low, c, v + 2.0)
    await files.write(yearly_key("ETH", 2024), parquet(table([*ETH[:5], again, *ETH[5:]])))

    got = await answer(files, limit)

    assert_same_answer_rows(got, expected([*ETH, again], limit))
    assert got[4][2] == h + 1.0


async def test_bars_off_the_minute_fall_in_their_minute(files: Files) -> None:
    early: list[Bar] = [
        (t + 30_000, *rest) if i % 3 == 0 else (t, *rest) for i, (t, *rest) in enumerate(ETH)
    ]
    await files.write(yearly_key("ETH", 2024), parquet(table(early)))

    assert_same_answer_rows(await answer(files), expected(early))


async def test_a_day_stored_in_two_overlapping_files_is_aggregated(files: Files) -> None:
    await files.write(daily_key("ETH", date(2024, 3, 1)), parquet(table(ETH[:400])))
    await files.write(daily_key("ETH", date(2024, 3, 1), "part-1.parquet"), parquet(table(ETH)))

    series = await files.store().candles(
        query("ETH", DAY_START, DAY_END, "1m", SourceResolution.DAILY)
    )

    assert series.volume[:3] == [2 * bar[5] for bar in ETH[:3]]
    assert series.times == [bar[0] for bar in ETH]


def test_only_strictly_increasing_bucket_starts_pass_as_stored() -> None:
    def times(*values: int) -> pa.Table:
        return pa.table({"bucket": np.array(values, dtype=np.int64)})

    assert on_increasing_buckets(times(0, 60_000, 180_000), 60_000)
    assert not on_increasing_buckets(times(0, 60_000, 60_000), 60_000)
    assert not on_increasing_buckets(times(60_000, 0), 60_000)
    assert not on_increasing_buckets(times(0, 90_000), 60_000)
    assert not on_increasing_buckets(times(0, 60_000), 3_600_000)


def assert_same_answer_rows(actual: list[Bar], wanted: list[Bar]) -> None:
    assert [row[0] for row in actual] == [row[0] for row in wanted]
    assert [row[1:5] for row in actual] == [row[1:5] for row in wanted]
    assert [row[5] for row in actual] == pytest.approx([row[5] for row in wanted], rel=1e-12)
