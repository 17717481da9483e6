"""Arithmetic that behaves like numpy's, so pure-Python figures equal the vectorised ones.

`pairwise_sum` is numpy's summation order for a float64 array (plain below 8 values, eight
accumulators up to 128, halves above), so sums, means and variances agree to the last bit
with numpy and pandas. The other helpers return inf or NaN where numpy would, instead of
raising as Python's float operations do.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

NAN = math.nan
_BLOCK = 128


def pairwise_sum(values: Sequence[float]) -> float:
    return _pairwise(values, 0, len(values))


def _pairwise(values: Sequence[float], first: int, count: int) -> float:
    if count < 8:
        total = 0.0
        for i in range(first, first + count):
            total += values[i]
        return total
    if count <= _BLOCK:
        lanes = [values[first + j] for j in range(8)]
        whole = count - count % 8
        for i in range(first + 8, first + whole, 8):
            for j in range(8):
                lanes[j] += values[i + j]
        total = ((lanes[0] + lanes[1]) + (lanes[2] + lanes[3])) + (
            (lanes[4] + lanes[5]) + (lanes[6] + lanes[7])
        )
        for i in range(first + whole, first + count):
            total += values[i]
        return total
    half = count // 2
    half -= half % 8
    return _pairwise(values, first, half) + _pairwise(values, first + half, count - half)


def mean(values: Sequence[float]) -> float:
    """pandas' mean: NaN for no values."""
    return pairwise_sum(values) / len(values) if values else NAN


def sample_var(values: Sequence[float]) -> float:
    """pandas' two-pass variance with ddof=1: NaN for fewer than two values."""
    count = len(values)
    if count <= 1:
        return NAN
    average = pairwise_sum(values) / count
    deviations = [average - value for value in values]
    return pairwise_sum([d * d for d in deviations]) / (count - 1)  # numpy squares by x*x


def geometric_mean(returns: Sequence[float]) -> float:
    """backtesting.py's geometric mean of returns: 0 when any 1 + r <= 0, NaN for none."""
    growth = [value + 1 for value in returns]
    if any(factor <= 0 for factor in growth):
        return 0.0
    if not growth:
        return NAN
    return exp(pairwise_sum([math.log(factor) for factor in growth]) / len(growth)) - 1


def divide(numerator: float, denominator: float) -> float:
    if denominator == 0:
        if numerator == 0 or math.isnan(numerator):
            return NAN
        return math.copysign(math.inf, numerator) * math.copysign(1, denominator)
    return numerator / denominator


def power(base: float, exponent: float) -> float:
    if base < 0 and not float(exponent).is_integer():
        return NAN
    try:
        return float(base**exponent)
    except (OverflowError, ZeroDivisionError):
        return math.inf


def exp(value: float) -> float:
    try:
        return math.exp(value)
    except OverflowError:
        return math.inf


def sqrt(value: float) -> float:
    return math.sqrt(value) if value >= 0 else NAN


def or_nan(value: float) -> float:
    """`value or np.nan` as backtesting.py writes it: zero becomes NaN."""
    return NAN if value == 0 else value


def finite(value: float | None) -> float | None:
    """The figure, or None where it is undefined (NaN) or infinite."""
    if value is None or not math.isfinite(value):
        return None
    return float(value)
