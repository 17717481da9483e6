"""Both implementations of every indicator equal its pandas expression to the last bit."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.domain.engine.bars import Bars
from tests.unit.rules.builders import WINDOWS, assert_same_bits, bars, series
from tests.unit.rules.implementations import IMPLEMENTATIONS, atr_of
from tests.unit.rules.pandas_definitions import SERIES_DEFINITIONS, atr

SLOW = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize("implementation", sorted(IMPLEMENTATIONS))
@pytest.mark.parametrize("indicator", sorted(SERIES_DEFINITIONS))
@SLOW
@given(values=series(), window=st.sampled_from(WINDOWS))
def test_an_indicator_of_any_series_is_its_pandas_expression(
    implementation: str, indicator: str, values: list[float], window: int
) -> None:
    if indicator in ("stdev", "bb_upper", "bb_lower") and window == 1:
        window = 2  # the language refuses a one-bar deviation
    expected = SERIES_DEFINITIONS[indicator](pd.Series(values, dtype=float), window)

    actual = IMPLEMENTATIONS[implementation][indicator](values, window)

    assert_same_bits(actual, expected.to_numpy())


@pytest.mark.parametrize("implementation", sorted(IMPLEMENTATIONS))
@SLOW
@given(prices=bars(), window=st.sampled_from(WINDOWS))
def test_the_average_true_range_is_its_pandas_expression(
    implementation: str, prices: Bars, window: int
) -> None:
    high, low, close = (pd.Series(c, dtype=float) for c in (prices.high, prices.low, prices.close))
    expected = atr(high, low, close, window)

    actual = atr_of(implementation)(list(prices.high), list(prices.low), list(prices.close), window)

    assert_same_bits(actual, expected.to_numpy())


@pytest.mark.parametrize("implementation", sorted(IMPLEMENTATIONS))
@pytest.mark.parametrize("indicator", sorted(SERIES_DEFINITIONS))
def test_a_window_longer_than_the_series_gives_only_nan(
    implementation: str, indicator: str
) -> None:
    values = [1.0, 2.0, 3.0]

    actual = IMPLEMENTATIONS[implementation][indicator](values, 10)

    assert_same_bits(actual, SERIES_DEFINITIONS[indicator](pd.Series(values), 10).to_numpy())


@pytest.mark.parametrize("implementation", sorted(IMPLEMENTATIONS))
@pytest.mark.parametrize("indicator", sorted(SERIES_DEFINITIONS))
def test_nan_and_infinite_inputs_are_treated_as_pandas_treats_them(
    implementation: str, indicator: str
) -> None:
    nan, inf = float("nan"), float("inf")
    values = [nan, 1.0, 2.0, inf, 2.0, 2.0, -inf, 3.0, nan, 4.0, 5.0, -0.0, 0.0, 6.0, 7.0, 8.0]

    actual = IMPLEMENTATIONS[implementation][indicator](values, 3)

    assert_same_bits(actual, SERIES_DEFINITIONS[indicator](pd.Series(values), 3).to_numpy())
