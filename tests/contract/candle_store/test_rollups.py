"""Rollups on a folder and on S3 (moto): read when fresh, passed over when not, rebuilt by need.

Expected answers come from a store over the same minute files that never reads rollups (its
answers are checked against pandas in test_reading and test_listing).
"""

from __future__ import annotations

import io
import logging

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from adapters.outbound.market_data_storage.bars_table import to_parquet_bytes
from adapters.outbound.market_data_storage.layout import yearly_key
from adapters.outbound.market_data_storage.rollup_layout import rollup_key
from adapters.outbound.market_data_storage.roots import LocalRoot
from adapters.outbound.market_data_storage.sinks import LocalSink, S3Sink, Sink
from adapters.outbound.rollups.runs import build_rollups
from core.domain.candles import SourceResolution
from tests.support.candles import Files, Harness, at, query
from tests.support.marketdata import bars, ms, table
from tests.support.rollups import assert_same_answer, stores, write_years

YEARLY, DAILY = SourceResolution.YEARLY, SourceResolution.DAILY
# Five days around a new year, with gaps; the reads below start and end off the hour.
BTC = bars(ms(2023, 12, 29), 5 * 24 * 60, seed=3, gap_every=7)
START, END = at(2023, 12, 29, 5, 17), at(2024, 1, 2, 17, 43)


def sink_of(files: Files) -> Sink:
    root = files.root
    return LocalSink(root.path) if isinstance(root, LocalRoot) else S3Sink(root)


async def read_parquet(files: Files, key: str) -> pa.Table:
    data = await sink_of(files).read(key)
    assert data is not None, key
    return pq.read_table(io.BytesIO(data))


@pytest.mark.parametrize("tf", ["15m", "1h", "4h", "1d", "1w", "1M"])
async def test_a_read_with_rollups_answers_as_the_minutes_do(files: Files, tf: str) -> None:
    await write_years(sink_of(files), "BTC", BTC)
    await build_rollups(sink_of(files))
    with_rollups, minutes_only = stores(files.root, files.engine)

    answer = await with_rollups.candles(query("BTC", START, END, tf))
    plan = await with_rollups.plan(query("BTC", START, END, tf))

    assert_same_answer(answer, await minutes_only.candles(query("BTC", START, END, tf)))
    assert len(plan.rollup_keys) == 2


async def test_the_rollups_are_what_is_read_inside_the_range(files: Files) -> None:
    await write_years(sink_of(files), "BTC", BTC)
    await build_rollups(sink_of(files))
    key = rollup_key(YEARLY, "1h", "BTC", 2024)
    hourly = await read_parquet(files, key)
    # Provenance kept, highs raised: only a read of this rollup can answer with them.
    raised = hourly.set_column(2, "high", pc.add(hourly.column("high"), 1000.0))
    sink = io.BytesIO()
    pq.write_table(raised.replace_schema_metadata(hourly.schema.metadata), sink)
    await files.write(key, sink.getvalue())
    with_rollups, minutes_only = stores(files.root, files.engine)

    tampered = await with_rollups.candles(query("BTC", START, END, "1h"))
    true = await minutes_only.candles(query("BTC", START, END, "1h"))

    in_2024 = [i for i, t in enumerate(true.times) if t >= ms(2024, 1, 1)]
    whole_hours = in_2024[:-1]  # the last hour ends off the hour: read from minutes
    assert [tampered.high[i] - true.high[i] for i in whole_hours] == pytest.approx(
        [1000.0] * len(whole_hours)
    )
    assert tampered.high[in_2024[-1]] == true.high[in_2024[-1]]
    assert tampered.high[: in_2024[0]] == true.high[: in_2024[0]]


async def test_a_rewritten_year_is_read_from_minutes_until_its_rollup_is_rebuilt(
    files: Files, caplog: pytest.LogCaptureFixture
) -> None:
    sink = sink_of(files)
    await write_years(sink, "BTC", BTC)
    await build_rollups(sink)
    with_rollups, minutes_only = stores(files.root, files.engine)
    asked = query("BTC", START, END, "1h")
    changed = [(t, o * 2, h * 2, low * 2, c * 2, v + 1) for t, o, h, low, c, v in BTC]
    in_2024 = [bar for bar in changed[::2] if bar[0] >= ms(2024, 1, 1)]
    await sink.write(yearly_key("BTC", 2024), to_parquet_bytes(table(in_2024)))

    with caplog.at_level(logging.WARNING, logger="backtest.market_data"):
        stale = await with_rollups.candles(asked)
        stale_plan = await with_rollups.plan(asked)
    rebuilt = await build_rollups(sink)
    fresh = await with_rollups.candles(asked)
    fresh_plan = await with_rollups.plan(asked)

    assert_same_answer(stale, await minutes_only.candles(asked))
    assert_same_answer(fresh, await minutes_only.candles(asked))
    stale_key = rollup_key(YEARLY, "1h", "BTC", 2024)
    warnings = [r for r in caplog.records if getattr(r, "rollup", None) == stale_key]
    assert [r.getMessage().split(":")[0] for r in warnings] == ["rollup stale"]
    assert stale_plan.rollup_keys == (rollup_key(YEARLY, "1h", "BTC", 2023),)
    assert {(o.year, o.state) for o in rebuilt} == {(2023, "up to date"), (2024, "built")}
    assert fresh_plan.rollup_keys == (rollup_key(YEARLY, "1h", "BTC", 2023), stale_key)


async def test_a_missing_or_broken_rollup_leaves_its_year_to_the_minutes(files: Files) -> None:
    sink = sink_of(files)
    await write_years(sink, "BTC", BTC)
    await build_rollups(sink)
    await files.remove(rollup_key(YEARLY, "1d", "BTC", 2023))
    await files.write(rollup_key(YEARLY, "1h", "BTC", 2024), b"not parquet at all")
    with_rollups, minutes_only = stores(files.root, files.engine)

    for tf in ("1h", "1d"):
        asked = query("BTC", START, END, tf)
        plan = await with_rollups.plan(asked)

        assert_same_answer(await with_rollups.candles(asked), await minutes_only.candles(asked))
        assert len(plan.rollup_keys) == 1


async def test_building_twice_builds_nothing_the_second_time(files: Files) -> None:
    sink = sink_of(files)
    await write_years(sink, "BTC", BTC)

    first = await build_rollups(sink)
    listed = await files.root.files("ohlcv/rollup/")
    second = await build_rollups(sink)

    assert len(first) == 6  # two years, three levels
    assert {o.state for o in first} == {"built"}
    assert {o.state for o in second} == {"up to date"}
    assert await files.root.files("ohlcv/rollup/") == listed


async def test_the_daily_layout_has_rollups_of_its_own(on_files: Harness, files: Files) -> None:
    await on_files.put_daily("ETH", bars(ms(2023, 12, 30, 20), 3 * 24 * 60, seed=5, gap_every=9))
    built = await build_rollups(sink_of(files), DAILY)
    with_rollups, minutes_only = stores(files.root, files.engine)
    asked = query("ETH", at(2023, 12, 30, 22, 30), at(2024, 1, 2, 9, 15), "4h", DAILY)

    answer = await with_rollups.candles(asked)
    plan = await with_rollups.plan(asked)

    assert_same_answer(answer, await minutes_only.candles(asked))
    assert plan.rollup_keys == tuple(rollup_key(DAILY, "1h", "ETH", y) for y in (2023, 2024))
    assert {(o.year, o.state) for o in built} == {(2023, "built"), (2024, "built")}
    assert not await files.root.files("ohlcv/rollup/1Y/")
