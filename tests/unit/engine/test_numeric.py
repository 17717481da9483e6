"""core's arithmetic equals numpy's and pandas' to the last bit."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from core.domain.engine.numeric import (
    divide,
    finite,
    geometric_mean,
    mean,
    pairwise_sum,
    power,
    sample_var,
    sqrt,
)  # fmt: skip

values = st.lists(st.floats(-1e6, 1e6, allow_nan=False), max_size=600)


@given(values)
def test_pairwise_sum_is_numpys_sum_to_the_last_bit(numbers: list[float]) -> None:
    assert pairwise_sum(numbers) == float(np.sum(np.array(numbers, dtype=np.float64)))


def test_pairwise_sum_keeps_numpys_order_on_a_long_array() -> None:
    numbers = np.random.default_rng(7).standard_normal(100_003) * 1e3

    assert pairwise_sum(numbers.tolist()) == float(np.sum(numbers))


@given(values.filter(lambda numbers: len(numbers) >= 1))
def test_mean_and_variance_are_pandas(numbers: list[float]) -> None:
    series = pd.Series(numbers, dtype=np.float64)

    assert mean(numbers) == series.mean()
    expected = series.var()
    assert sample_var(numbers) == expected or (math.isnan(expected) and len(numbers) == 1)


def test_mean_and_variance_of_too_few_values_are_undefined() -> None:
    assert math.isnan(mean([]))
    assert math.isnan(sample_var([1.0]))


@given(st.lists(st.floats(-0.99, 5.0), max_size=300))
def test_geometric_mean_is_backtesting_pys(returns: list[float]) -> None:
    growth = pd.Series(returns, dtype=np.float64) + 1
    expected = np.exp(np.log(growth).sum() / (len(growth) or np.nan)) - 1

    assert math.isclose(geometric_mean(returns), expected, rel_tol=1e-12, abs_tol=1e-15) or (
        math.isnan(expected) and math.isnan(geometric_mean(returns))
    )


def test_a_total_loss_makes_the_geometric_mean_zero() -> None:
    assert geometric_mean([0.5, -1.0, 0.2]) == 0.0


def test_the_guards_answer_as_numpy_does_instead_of_raising() -> None:
    assert divide(1.0, 0.0) == math.inf
    assert math.isnan(divide(0.0, 0.0))
    assert power(10.0, 400) == math.inf
    assert math.isnan(power(-8.0, 1 / 3))
    assert math.isnan(sqrt(-1e-18))
    assert [finite(math.nan), finite(math.inf), finite(2.5)] == [None, None, 2.5]
