"""The fast engine's compiled reductions equal numpy's to the last bit."""

from __future__ import annotations

import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from adapters.outbound.engine.fast import sums
from core.domain.engine import numeric

# The first example may load or compile the kernels: no deadline.
compiled = settings(deadline=None)
values = st.lists(st.floats(-1e6, 1e6, allow_nan=False), max_size=1200)


@compiled
@given(values, st.integers(0, 40))
def test_a_compiled_sum_is_numpys_sum_of_the_same_slice(numbers: list[float], skip: int) -> None:
    array = np.array(numbers, dtype=np.float64)
    first = min(skip, len(array))

    assert sums.pairwise(array, first, len(array) - first) == np.sum(array[first:])


def test_a_compiled_sum_keeps_numpys_order_on_long_arrays() -> None:
    generator = np.random.default_rng(11)
    for count in (129, 1_000, 4_097, 100_003, 366_455):
        numbers = generator.standard_normal(count) * 10.0 ** generator.integers(-8, 8, count)

        assert sums.total(numbers) == np.sum(numbers)


@compiled
@given(values)
def test_compiled_means_and_variances_are_cores(numbers: list[float]) -> None:
    array = np.array(numbers, dtype=np.float64)

    assert _same(sums.mean(array), numeric.mean(numbers))
    assert _same(sums.sample_var(array), numeric.sample_var(numbers))


@compiled
@given(st.lists(st.floats(-1.5, 3.0, allow_nan=False), max_size=300))
def test_the_compiled_geometric_mean_is_cores(returns: list[float]) -> None:
    assert _same(
        sums.geometric(sums.log_growth_mean(np.array(returns, dtype=np.float64))),
        numeric.geometric_mean(returns),
    )


def _same(a: float, b: float) -> bool:
    return a == b or (math.isnan(a) and math.isnan(b))
