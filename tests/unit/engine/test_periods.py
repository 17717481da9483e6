"""Calendar rules of the statistics, checked against pandas."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.domain.engine.curve import period_returns
from core.domain.engine.periods import (
    DAY_NS,
    median_spacing_ns,
    periods_per_year,
    resolution_ns,
    round_up,
    sampling,
)  # fmt: skip

HOUR_MS = 3_600_000
moments = st.lists(st.integers(1_500_000_000_000, 1_800_000_000_000), min_size=2, max_size=80)


def pandas_returns(times: list[int], equity: list[float], rule: str) -> list[float]:
    series = pd.Series(equity, index=pd.to_datetime(times, unit="ms"))
    return series.resample(rule).last().dropna().pct_change().dropna().tolist()


@pytest.mark.parametrize("every", ["D", "W", "ME", "YE"])
@given(moments, st.randoms())
def test_period_returns_are_pandas_resampled_last_values(every: str, times: list[int], rng) -> None:  # type: ignore[no-untyped-def]
    times = sorted(set(times))
    equity = [rng.uniform(0.5, 2.0) for _ in times]

    ours = period_returns(times, equity, every)  # type: ignore[arg-type]

    assert ours == pandas_returns(times, equity, every)


@given(moments)
def test_the_median_spacing_is_pandas_median_of_the_last_hundred_gaps(times: list[int]) -> None:
    times = sorted(set(times))
    index = pd.DatetimeIndex(pd.to_datetime(times, unit="ms"))
    expected = pd.Series(index[-100:]).diff().dropna().median()

    spacing = median_spacing_ns(times)

    assert spacing == (expected.value if len(times) > 1 else None)
    if spacing is not None:
        assert resolution_ns(spacing) == pd.Timedelta("1" + expected.resolution_string).value


def test_durations_round_up_to_the_resolution() -> None:
    assert round_up(DAY_NS + 1, DAY_NS) == 2 * DAY_NS
    assert round_up(2 * DAY_NS, DAY_NS) == 2 * DAY_NS


@pytest.mark.parametrize(
    ("spacing_days", "weekend_share", "expected", "every"),
    [(7, 0.0, 52, "W"), (31, 0.0, 12, "ME"), (365, 0.0, 1, "YE"), (1, 0.0, 252, "D"),
     (1, 0.2, 365, "D"), (30, 0.0, 252, "D")],
)  # fmt: skip
def test_periods_per_year_follow_the_bar_spacing_and_weekends(
    spacing_days: int, weekend_share: float, expected: int, every: str
) -> None:
    spacing = spacing_days * DAY_NS + 12 * HOUR_MS * 1_000_000

    assert periods_per_year(spacing, weekend_share) == expected
    assert sampling(spacing) == every
    assert periods_per_year(None, 0.0) == 252


def test_a_zero_equity_day_after_another_is_dropped_like_pandas_nan() -> None:
    times = [i * 86_400_000 for i in range(4)]
    equity = [1.0, 0.0, 0.0, 0.0]

    assert period_returns(times, equity, "D") == pandas_returns(times, equity, "D") == [-1.0]
