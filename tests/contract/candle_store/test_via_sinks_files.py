"""Every file-backed CandleStore filled by the app's own sinks: which files, and bad ones."""

from __future__ import annotations

import pyarrow as pa
import pytest

from adapters.outbound.market_data_storage.layout import yearly_key
from core.domain.errors import BadMarketData
from tests.contract.candle_store.conftest import SinkHarness
from tests.contract.candle_store.stored import ETH, reference
from tests.support.candles import at, parquet, query
from tests.support.pandas_reference import flat, flat_approx


async def test_only_the_files_of_the_requested_years_are_read(via_sinks: SinkHarness) -> None:
    if via_sinks.put_raw is None:
        pytest.skip("the in-memory twin has no files")
    await via_sinks.put("ETH", ETH)
    await via_sinks.put_raw(yearly_key("ETH", 2019), b"not parquet at all")

    series = await via_sinks.store.candles(query("ETH", at(2024, 3, 1), at(2024, 3, 2)))

    assert len(series) == 10


async def test_a_file_that_is_not_parquet_is_named_in_the_error(via_sinks: SinkHarness) -> None:
    if via_sinks.put_raw is None:
        pytest.skip("the in-memory twin has no files")
    await via_sinks.put_raw(yearly_key("BAD", 2024), b"garbage bytes, no magic")

    with pytest.raises(BadMarketData, match=r"BAD_2024\.parquet"):
        await via_sinks.store.candles(query("BAD", at(2024, 1, 1), at(2024, 2, 1)))


@pytest.mark.parametrize(
    ("columns", "problem"),
    [
        (
            {
                "when": pa.array([1], pa.int64()),
                "open": [1.0],
                "high": [1.0],
                "low": [1.0],
                "close": [1.0],
            },
            "no time column",
        ),
        (
            {
                "timestamp": ["2024-01-01"],
                "open": [1.0],
                "high": [1.0],
                "low": [1.0],
                "close": [1.0],
            },
            "expected a timestamp",
        ),
        (
            {"timestamp": pa.array([1], pa.int64()), "open": [1.0], "high": [1.0], "close": [1.0]},
            "missing column",
        ),
    ],
)
async def test_a_file_with_the_wrong_columns_is_named_with_its_problem(
    via_sinks: SinkHarness, columns: dict[str, object], problem: str
) -> None:
    if via_sinks.put_raw is None:
        pytest.skip("the in-memory twin has no files")
    await via_sinks.put_raw(yearly_key("ODD", 2024), parquet(pa.table(columns)))

    with pytest.raises(BadMarketData, match=rf"ODD_2024\.parquet.*{problem}"):
        await via_sinks.store.candles(query("ODD", at(2024, 1, 1), at(2024, 2, 1)))


@pytest.mark.parametrize("name", ["time", "datetime", "ts", "Timestamp"])
async def test_other_time_column_names_and_epoch_milliseconds_are_read(
    via_sinks: SinkHarness, name: str
) -> None:
    if via_sinks.put_raw is None:
        pytest.skip("the in-memory twin has no files")
    rows = ETH[:120]
    columns = list(zip(*rows, strict=True))
    epoch_ms = pa.table(
        {
            name: pa.array(columns[0], pa.int64()),
            "open": columns[1],
            "high": columns[2],
            "low": columns[3],
            "close": columns[4],
        }
    )
    await via_sinks.put_raw(yearly_key("EPOCH", 2024), parquet(epoch_ms))

    series = await via_sinks.store.candles(query("EPOCH", at(2024, 3, 1), at(2024, 3, 2)))

    expected = reference([(*r[:5], 0.0) for r in rows], at(2024, 3, 1), at(2024, 3, 2), "1h")
    assert flat(series.rows()) == flat_approx(expected)
