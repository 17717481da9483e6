"""numpy's reductions, compiled, so that figures need no numpy call per number.

A statistic made of many small reductions (a few thousand trades, a few thousand days)
spent most of its time in numpy's per-call overhead. These kernels sum in numpy's order
(core.domain.engine.numeric.pairwise_sum explains it), so every figure keeps its bits.
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit

from core.domain.engine.numeric import exp

_BLOCK = 128
_DEPTH = 192  # tasks a sum of up to 2**63 values can stack


@njit(nogil=True, cache=True)
def _block(values, first, count):  # pragma: no cover - compiled
    """numpy's sum of at most 128 values: plain below 8, else eight accumulators."""
    if count < 8:
        total = 0.0
        for i in range(first, first + count):
            total += values[i]
        return total
    r0, r1, r2, r3 = values[first], values[first + 1], values[first + 2], values[first + 3]
    r4, r5, r6, r7 = values[first + 4], values[first + 5], values[first + 6], values[first + 7]
    whole = count - count % 8
    for i in range(first + 8, first + whole, 8):
        r0, r1, r2, r3 = r0 + values[i], r1 + values[i + 1], r2 + values[i + 2], r3 + values[i + 3]
        r4, r5 = r4 + values[i + 4], r5 + values[i + 5]
        r6, r7 = r6 + values[i + 6], r7 + values[i + 7]
    total = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
    for i in range(first + whole, first + count):
        total += values[i]
    return total


@njit(nogil=True, cache=True)
def pairwise(values, first, count):  # pragma: no cover - compiled
    """numpy's sum of values[first:first + count]: above 128 values, the sum of two halves
    (the first a multiple of 8 long). Walked with a stack of its own rather than recursion,
    which numba's on-disk cache does not load back safely."""
    if count <= _BLOCK:
        return _block(values, first, count)
    starts, counts = np.empty(_DEPTH, np.int64), np.empty(_DEPTH, np.int64)
    sums = np.empty(_DEPTH)
    starts[0], counts[0], tasks, done = first, count, 1, 0
    while tasks:
        tasks -= 1
        start, size = starts[tasks], counts[tasks]
        if size < 0:  # both halves are summed: add them
            done -= 1
            sums[done - 1] = sums[done - 1] + sums[done]
        elif size <= _BLOCK:
            sums[done] = _block(values, start, size)
            done += 1
        else:
            half = size // 2
            half -= half % 8
            counts[tasks] = -1  # add, once the halves below are done
            starts[tasks + 1], counts[tasks + 1] = start + half, size - half
            starts[tasks + 2], counts[tasks + 2] = start, half
            tasks += 3
    return sums[0]


@njit(nogil=True, cache=True)
def total(values):  # pragma: no cover - compiled
    return pairwise(values, 0, values.shape[0])


@njit(nogil=True, cache=True)
def mean(values):  # pragma: no cover - compiled
    """pandas' mean: NaN for no values."""
    count = values.shape[0]
    return pairwise(values, 0, count) / count if count else np.nan


@njit(nogil=True, cache=True)
def sample_var(values):  # pragma: no cover - compiled
    """pandas' two-pass variance with ddof=1: NaN for fewer than two values."""
    count = values.shape[0]
    if count <= 1:
        return np.nan
    average = pairwise(values, 0, count) / count
    deviations = np.empty(count)
    for i in range(count):
        deviation = average - values[i]
        deviations[i] = deviation * deviation
    return pairwise(deviations, 0, count) / (count - 1)


@njit(nogil=True, cache=True)
def log_growth_mean(returns):  # pragma: no cover - compiled
    """The mean log of 1 + r (geometric_mean before its exp): NaN for none, -inf when some
    1 + r <= 0 (the caller's geometric mean is then 0)."""
    count = returns.shape[0]
    if count == 0:
        return np.nan
    logs = np.empty(count)
    for i in range(count):
        growth = returns[i] + 1
        if growth <= 0:
            return -np.inf
        logs[i] = math.log(growth)
    return pairwise(logs, 0, count) / count


def geometric(log_growth: float) -> float:
    """backtesting.py's geometric mean return, from log_growth_mean's figure."""
    return 0.0 if log_growth == -math.inf else exp(float(log_growth)) - 1
