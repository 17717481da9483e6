"""pandas 3.1's fixed-window rolling mean, variance and extrema, compiled; the algorithms are
explained in core.domain.rules.rolling, the pure-Python reference these equal bit for bit.
"""

from __future__ import annotations

import math
import sys

import numpy as np
from numba import njit

NAN = np.nan
_INV_COND_TOL = sys.float_info.epsilon * 1e3
FloatArray = np.ndarray


@njit(nogil=True, cache=True)
def _rolling_mean(x: FloatArray, window: int) -> FloatArray:  # pragma: no cover - compiled
    """±inf counts as NaN here, as pandas' window functions see it (the other kernels are
    handed a copy with NaN in its place: indicators.finite_or_nan)."""
    out = np.full(x.size, NAN)
    total = add_c = remove_c = 0.0
    count = negatives = same = 0
    last = NAN
    for i in range(x.size):
        v = x[i] if math.isfinite(x[i]) else NAN
        if window == 1:
            total = add_c = remove_c = 0.0
            count = negatives = same = 0
            last = v
        elif i >= window and math.isfinite(x[i - window]):
            old = x[i - window]
            count -= 1
            y = -old - remove_c
            t = total + y
            remove_c = t - total - y
            total = t
            if np.signbit(old):
                negatives -= 1
        if v == v:
            count += 1
            y = v - add_c
            t = total + y
            add_c = t - total - y
            total = t
            if np.signbit(v):
                negatives += 1
            same = same + 1 if v == last else 1
            last = v
        if count >= window and count > 0:
            result = total / count
            if same >= count:
                result = last
            elif (negatives == 0 and result < 0) or (negatives == count and result > 0):
                result = 0.0  # the sum's sign contradicts the signs seen: pandas clamps
            out[i] = result
    return out


@njit(nogil=True, cache=True)
def _welford_add(state: FloatArray, v: float) -> None:  # pragma: no cover - compiled
    # state: count, mean, m2, add compensation, remove compensation, unstable flag
    if v != v:
        return
    before = state[2]
    state[0] += 1.0
    prev_mean = state[1] - state[3]
    y = v - state[3]
    t = y - state[1]
    state[3] = t + state[1] - y
    state[1] = state[1] + t / state[0]
    state[2] = state[2] + (v - prev_mean) * (v - state[1])
    if before * _INV_COND_TOL > state[2]:
        state[5] = 1.0


@njit(nogil=True, cache=True)
def _welford_remove(state: FloatArray, v: float) -> None:  # pragma: no cover - compiled
    if v != v:
        return
    before = state[2]
    state[0] -= 1.0
    if state[0] == 0.0:
        state[1] = 0.0
        state[2] = 0.0
        state[5] = 0.0
        return
    prev_mean = state[1] - state[4]
    y = v - state[4]
    t = y - state[1]
    state[4] = t + state[1] - y
    state[1] = state[1] - t / state[0]
    state[2] = state[2] - (v - prev_mean) * (v - state[1])
    if before * _INV_COND_TOL > state[2]:
        state[5] = 1.0


@njit(nogil=True, cache=True)
def _recompute(state: FloatArray, x: FloatArray, start: int, end: int) -> None:  # pragma: no cover
    state[:] = 0.0
    for j in range(start, end):
        _welford_add(state, x[j])
    state[5] = 0.0


@njit(nogil=True, cache=True)
def _rolling_var(x: FloatArray, window: int) -> FloatArray:  # pragma: no cover - compiled
    out = np.full(x.size, NAN)
    state = np.zeros(6)
    for i in range(x.size):
        start = max(0, i - window + 1)
        if i == 0 or window == 1:
            _recompute(state, x, start, i + 1)
        else:
            if i >= window:
                _welford_remove(state, x[i - window])
            _welford_add(state, x[i])
            if state[5] != 0.0:
                _recompute(state, x, start, i + 1)
        if state[0] >= window and state[0] > 1.0:
            out[i] = state[2] / (state[0] - 1.0)
    return out


@njit(nogil=True, cache=True)
def _rolling_extreme(x: FloatArray, window: int, highest: bool) -> FloatArray:  # pragma: no cover
    out = np.full(x.size, NAN)
    candidates = np.empty(x.size, dtype=np.int64)
    head = tail = 0  # the deque is candidates[head:tail]
    last_nan = -1
    for i in range(x.size):
        v = x[i]
        if v != v:
            last_nan = i
        else:
            while tail > head and (
                x[candidates[tail - 1]] <= v if highest else x[candidates[tail - 1]] >= v
            ):
                tail -= 1
            candidates[tail] = i
            tail += 1
        while tail > head and candidates[head] <= i - window:
            head += 1
        if i >= window - 1 and last_nan <= i - window:
            out[i] = x[candidates[head]]
    return out
