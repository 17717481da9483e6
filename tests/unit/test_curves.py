"""Curves for charts: downsampling never loses a peak or a trough."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.domain.curves import drawdown_pcts, keep_extremes

values = st.lists(
    st.floats(min_value=1.0, max_value=1e6, allow_nan=False), min_size=1, max_size=3000
)


@given(values, st.integers(min_value=10, max_value=500))
def test_downsampling_keeps_order_both_ends_and_every_columns_extremes(
    equity: list[float], points: int
) -> None:
    drawdown = drawdown_pcts(equity)

    kept = keep_extremes([equity, drawdown], points)

    assert kept == sorted(set(kept))
    assert len(kept) <= max(points, 1)
    assert kept[0] == 0
    assert kept[-1] == len(equity) - 1
    for column in (equity, drawdown):
        chosen = [column[i] for i in kept]
        assert max(chosen) == max(column)
        assert min(chosen) == min(column)


def test_a_short_curve_is_kept_whole() -> None:
    assert keep_extremes([[1.0, 2.0, 3.0]], 10) == [0, 1, 2]


def test_drawdown_is_zero_at_new_highs_and_negative_below_the_peak() -> None:
    assert drawdown_pcts([100.0, 110.0, 99.0, 121.0]) == pytest.approx([0.0, 0.0, -10.0, 0.0])
