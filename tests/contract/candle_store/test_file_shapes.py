"""What a stored file may look like, and how a bad one is named in the error (files only)."""

from __future__ import annotations

import pyarrow as pa
import pytest

from adapters.outbound.market_data_storage.layout import yearly_key
from core.domain.errors import BadMarketData
from tests.contract.candle_store.stored import BTC, ETH, assert_same
from tests.support.candles import Files, Harness, at, parquet, query
from tests.support.marketdata import ms, table
from tests.support.pandas_reference import resample

# What a file may look like


@pytest.mark.parametrize("name", ["time", "datetime", "date", "ts", "Timestamp"])
async def test_other_time_column_names_with_epoch_milliseconds_are_read(
    on_files: Harness, files: Files, name: str
) -> None:
    rows = ETH[:120]
    columns = list(zip(*rows, strict=True))
    epoch_ms = pa.table(
        {
            name: pa.array(columns[0], pa.int64()),
            **{c: columns[i + 1] for i, c in enumerate(["open", "high", "low", "close"])},
        }
    )
    await files.write(yearly_key("EPOCH", 2024), parquet(epoch_ms))

    series = await on_files.store.candles(query("EPOCH", at(2024, 3, 1), at(2024, 3, 2)))

    assert_same(series.rows(), resample([(*r[:5], 0.0) for r in rows], "1h"))


@pytest.mark.parametrize(
    "time_type",
    [pa.timestamp("ns"), pa.timestamp("us", tz="UTC"), pa.timestamp("s", tz="America/New_York")],
    ids=["naive-ns-as-utc", "utc-us", "new-york-s"],
)
async def test_timestamps_of_any_unit_and_zone_are_read_as_instants(
    on_files: Harness, files: Files, time_type: pa.DataType
) -> None:
    data = table(ETH)
    data = data.set_column(0, "timestamp", data.column(0).cast(time_type))
    await files.write(yearly_key("ETH", 2024), parquet(data))
    start, end = at(2024, 3, 1, 2, 30), at(2024, 3, 1, 7)

    series = await on_files.store.candles(query("ETH", start, end, "1h"))

    assert_same(series.rows(), resample(ETH, "1h", start, end))


async def test_a_file_that_is_not_parquet_is_named_in_the_error(files: Files) -> None:
    await files.write(yearly_key("BAD", 2024), b"garbage bytes, no magic")

    with pytest.raises(BadMarketData, match=r"BAD_2024\.parquet: not a readable Parquet file"):
        await files.store().candles(query("BAD", at(2024, 1, 1), at(2024, 2, 1)))


async def test_a_truncated_file_is_named_in_the_error(files: Files) -> None:
    whole = parquet(table(ETH))
    await files.write(yearly_key("CUT", 2024), whole[: len(whole) // 2])

    with pytest.raises(BadMarketData, match=r"CUT_2024\.parquet"):
        await files.store().candles(query("CUT", at(2024, 1, 1), at(2024, 12, 1)))


def one_row(**columns: object) -> pa.Table:
    base: dict[str, object] = {
        "timestamp": pa.array([ms(2024, 1, 1)], pa.int64()),
        "open": [1.0],
        "high": [1.0],
        "low": [1.0],
        "close": [1.0],
    }
    base.update(columns)
    return pa.table({k: v for k, v in base.items() if v is not None})


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (one_row(timestamp=None, when=pa.array([1], pa.int64())), "no time column"),
        (one_row(timestamp=["2024-01-01"]), "column timestamp is VARCHAR; expected a timestamp"),
        (one_row(timestamp=pa.array([1], pa.int32())), "column timestamp is INTEGER"),
        (one_row(low=None), r"missing column\(s\) low"),
        (one_row(close=["1.5"]), r"column\(s\) close are not numeric"),
        (one_row(open=pa.array([None], pa.float64())), r"column\(s\) open have missing values"),
        (
            one_row(timestamp=pa.array([1_704_067_200], pa.int64())),
            "column timestamp holds 1704067200..1704067200, which are not epoch milliseconds",
        ),
    ],
    ids=[
        "no-time",
        "text-time",
        "int32-time",
        "no-low",
        "text-close",
        "null-open",
        "epoch-seconds",
    ],
)
async def test_a_file_with_the_wrong_columns_is_named_with_its_problem(
    files: Files, data: pa.Table, problem: str
) -> None:
    await files.write(yearly_key("ODD", 2024), parquet(data))

    with pytest.raises(BadMarketData, match=rf"ODD_2024\.parquet: {problem}"):
        await files.store().candles(query("ODD", at(2024, 1, 1), at(2024, 2, 1)))


async def test_missing_volumes_count_as_zero(files: Files) -> None:
    rows = ETH[:60]
    data = table(rows).set_column(5, "volume", pa.array([None] * 60, pa.float64()))
    await files.write(yearly_key("ETH", 2024), parquet(data))

    series = await files.store().candles(query("ETH", at(2024, 3, 1), at(2024, 3, 2)))

    assert list(series.volume) == [0.0]


# The Arrow path of the DuckDB store


async def test_the_arrow_answer_equals_the_series(files: Files) -> None:
    await files.write(yearly_key("BTC", 2023), parquet(table(BTC[:1000])))
    store = files.store()
    btc = query("BTC", at(2023, 12, 30), at(2024, 1, 1), "15m")

    arrow = await store.candles_arrow(btc)
    series = await store.candles(btc)
    empty = await store.candles_arrow(query("BTC", at(2023, 1, 1), at(2023, 2, 1)))

    assert arrow.column_names == ["timestamp", "open", "high", "low", "close", "volume"]
    assert arrow.column("timestamp").cast(pa.int64()).to_pylist() == list(series.times)
    assert arrow.column("close").to_pylist() == list(series.close)
    assert (empty.num_rows, empty.schema) == (0, arrow.schema)
