"""A run's fingerprint: the same digest whatever holds the columns, and any bar moves it."""

from __future__ import annotations

import hashlib
import struct
import sys

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from core.domain.candles import CandleSeries
from core.domain.timeframe import Timeframe
from core.domain.values import Symbol
from core.use_cases.runs.fingerprint import fingerprint

prices = st.floats(allow_nan=False, allow_infinity=False, width=64)
bars = st.lists(st.tuples(prices, prices, prices, prices, prices), min_size=1, max_size=40)


def series(rows: list[tuple[float, ...]], holder: type) -> CandleSeries:
    times = [1_700_000_000_000 + 60_000 * i for i in range(len(rows))]
    columns = [holder([row[i] for row in rows]) for i in range(5)]
    return CandleSeries(Symbol("EURUSD"), Timeframe.parse("1m"), holder(times), *columns)


def numpy_of(values: list[float] | list[int]) -> np.ndarray:
    return np.array(values, dtype=np.int64 if isinstance(values[0], int) else np.float64)


@given(bars)
def test_lists_and_numpy_columns_give_the_digest_of_the_packed_bars(
    rows: list[tuple[float, ...]],
) -> None:
    from_lists, from_numpy = series(rows, list), series(rows, numpy_of)
    order = "<" if sys.byteorder == "little" else ">"
    expected = hashlib.sha256(struct.pack(f"{order}{len(rows)}q", *from_lists.times))
    for column in (from_lists.open, from_lists.high, from_lists.low, from_lists.close,
                   from_lists.volume):  # fmt: skip
        expected.update(struct.pack(f"{order}{len(rows)}d", *column))

    assert fingerprint(from_lists) == fingerprint(from_numpy)
    assert fingerprint(from_numpy)["sha256"] == expected.hexdigest()


@given(bars, st.data())
def test_changing_one_value_changes_the_digest(
    rows: list[tuple[float, ...]], data: st.DataObject
) -> None:
    row = data.draw(st.integers(0, len(rows) - 1))
    field = data.draw(st.integers(0, 4))
    value = data.draw(
        prices.filter(lambda v: struct.pack("d", v) != struct.pack("d", rows[row][field]))
    )
    changed = [list(r) for r in rows]
    changed[row][field] = value

    before = fingerprint(series(rows, numpy_of))["sha256"]
    assert fingerprint(series([tuple(r) for r in changed], numpy_of))["sha256"] != before
