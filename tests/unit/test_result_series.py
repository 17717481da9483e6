"""The packed form of a result's series: every bit kept, and rows of the earlier layout read."""

from __future__ import annotations

import math
import zlib
from array import array

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from adapters.outbound.postgres.series import pack_series, unpack_series

times_ms = st.lists(st.integers(-(2**62), 2**62), max_size=300)


@given(times_ms, st.data())
def test_times_and_equity_come_back_bit_for_bit(times: list[int], data: st.DataObject) -> None:
    size = len(times)
    equity = data.draw(st.lists(st.floats(allow_nan=True), min_size=size, max_size=size))

    got_times, got_equity = unpack_series(*pack_series(times, equity))

    assert got_times == times
    assert [math.copysign(1, v) for v in got_equity] == [math.copysign(1, v) for v in equity]
    assert np.array_equal(np.array(got_equity), np.array(equity), equal_nan=True)


def test_numpy_columns_pack_like_lists() -> None:
    times = np.arange(1_000, dtype=np.int64) * 60_000 + 1_356_998_400_000
    equity = np.linspace(10_000.0, 12_345.678, 1_000)

    assert pack_series(times, equity) == pack_series(times.tolist(), equity.tolist())


def test_evenly_spaced_times_take_a_few_bytes() -> None:
    times = np.arange(366_000, dtype=np.int64) * 60_000

    packed_times, _ = pack_series(times, np.zeros(len(times)))

    assert len(packed_times) < len(times) * 8 / 100


def test_rows_of_the_earlier_layout_read_the_same() -> None:
    # Before the delta layout, times were a zlib stream of the little-endian times themselves.
    times, equity = [1_356_998_400_000, 1_356_998_460_000, 1_357_000_000_000], [1.5, -2.0, 3.25]
    earlier = (
        zlib.compress(array("q", times).tobytes(), 1),
        zlib.compress(array("d", equity).tobytes(), 0),
    )

    assert unpack_series(*earlier) == (times, equity)


@pytest.mark.parametrize(
    ("times", "equity", "error"),
    [([2**63], [1.0], OverflowError), (["x"], [1.0], TypeError), ([1], ["x"], TypeError)],
)
def test_values_their_type_cannot_hold_are_refused(
    times: list[object], equity: list[object], error: type[Exception]
) -> None:
    with pytest.raises(error):
        pack_series(times, equity)  # type: ignore[arg-type]
