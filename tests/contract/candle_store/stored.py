"""What the CandleStore suite stores, and how it compares an answer with pandas'."""

from __future__ import annotations

from datetime import UTC, datetime

import pyarrow as pa

from core.domain.candles import SourceResolution
from tests.support.marketdata import Bar, bars, ms
from tests.support.pandas_reference import flat, flat_approx, resample

# Four days around a new year, with gaps: reads across it touch two yearly files.
BTC = bars(ms(2023, 12, 30), 4 * 24 * 60, seed=3, gap_every=7)
ETH = bars(ms(2024, 3, 1), 600, seed=4)
YEARLY, DAILY = SourceResolution.YEARLY, SourceResolution.DAILY


def assert_same(actual: list[Bar], expected: list[Bar]) -> None:
    assert [row[0] for row in actual] == [row[0] for row in expected]
    assert flat(actual) == flat_approx(expected)


def moment(bar: Bar) -> datetime:
    return datetime.fromtimestamp(bar[0] / 1000, UTC)


def renamed(data: pa.Table, time_name: str) -> pa.Table:
    return data.rename_columns([time_name, *data.column_names[1:]])


def reference(rows: list[Bar], start: datetime, end: datetime, tf: str) -> list[Bar]:
    return resample(rows, tf, start, end)
