"""pandas 3.1's fixed-window rolling mean, variance and extrema, step for step in pure Python.

`Series.rolling(n)` first turns ±inf into NaN, then runs a compensated (Kahan) running sum
for the mean, with separate compensations for values entering and leaving the window, a
count of trailing equal values (a window of identical values gives that value exactly) and
a clamp to zero when the mean's sign contradicts the signs seen; the variance is Welford's
online update with the same compensation, recomputed from scratch whenever an update loses
nearly all significant digits. The result equals pandas to the last bit, which matters:
crossover signals flip on differences of 1e-13.
"""

from __future__ import annotations

import math
import sys
from collections import deque
from collections.abc import Sequence

NAN = math.nan
# pandas: an update is ill-conditioned when fewer than ~3 significant digits remain.
_INV_COND_TOL = sys.float_info.epsilon * 1e3


def finite_or_nan(values: Sequence[float]) -> list[float]:
    return [NAN if math.isinf(v) else v for v in values]


def rolling_mean(values: Sequence[float], window: int) -> list[float]:
    x = finite_or_nan(values)
    out = [NAN] * len(x)
    total = add_c = remove_c = 0.0
    count = negatives = same = 0
    last = x[0] if x else NAN
    for i, v in enumerate(x):
        if window == 1:  # each window starts after the previous one ends: pandas resets
            total = add_c = remove_c = 0.0
            count = negatives = same = 0
            last = v
        elif i >= window and x[i - window] == x[i - window]:
            old = x[i - window]
            count -= 1
            y = -old - remove_c
            t = total + y
            remove_c = t - total - y
            total = t
            negatives -= math.copysign(1.0, old) < 0
        if v == v:
            count += 1
            y = v - add_c
            t = total + y
            add_c = t - total - y
            total = t
            negatives += math.copysign(1.0, v) < 0
            same = same + 1 if v == last else 1
            last = v
        if i >= window - 1 and count >= window:
            out[i] = _mean(total, count, negatives, same, last)
    return out


def _mean(total: float, count: int, negatives: int, same: int, last: float) -> float:
    result = total / count
    if same >= count:
        return last
    if negatives == 0 and result < 0:
        return 0.0
    if negatives == count and result > 0:
        return 0.0
    return result


class _Welford:
    """pandas' add_var/remove_var state: count, mean, sum of squared deviations."""

    def __init__(self) -> None:
        self.count = self.mean = self.m2 = self.add_c = self.remove_c = 0.0
        self.unstable = False

    def add(self, v: float) -> None:
        if v != v:
            return
        before = self.m2
        self.count += 1
        prev_mean = self.mean - self.add_c
        y = v - self.add_c
        t = y - self.mean
        self.add_c = t + self.mean - y
        self.mean = self.mean + t / self.count
        self.m2 = self.m2 + (v - prev_mean) * (v - self.mean)
        if before * _INV_COND_TOL > self.m2:
            self.unstable = True

    def remove(self, v: float) -> None:
        if v != v:
            return
        before = self.m2
        self.count -= 1
        if not self.count:
            self.mean = self.m2 = 0.0
            self.unstable = False
            return
        prev_mean = self.mean - self.remove_c
        y = v - self.remove_c
        t = y - self.mean
        self.remove_c = t + self.mean - y
        self.mean = self.mean - t / self.count
        self.m2 = self.m2 - (v - prev_mean) * (v - self.mean)
        if before * _INV_COND_TOL > self.m2:
            self.unstable = True


def rolling_var(values: Sequence[float], window: int) -> list[float]:
    """`x.rolling(window).var()` (ddof=1)."""
    x = finite_or_nan(values)
    out = [NAN] * len(x)
    state = _Welford()
    for i, v in enumerate(x):
        start = max(0, i - window + 1)
        if i == 0 or window == 1:
            state = _recomputed(x, start, i + 1)
        else:
            if i >= window:
                state.remove(x[i - window])
            state.add(v)
            if state.unstable:
                state = _recomputed(x, start, i + 1)
        if state.count >= window and state.count > 1:
            out[i] = state.m2 / (state.count - 1.0)
    return out


def _recomputed(x: Sequence[float], start: int, end: int) -> _Welford:
    state = _Welford()
    for j in range(start, end):
        state.add(x[j])
    state.unstable = False
    return state


def rolling_std(values: Sequence[float], window: int) -> list[float]:
    """`x.rolling(window).std()`: the square root of the variance, 0 where it is negative."""
    return [v if v != v else (math.sqrt(v) if v >= 0 else 0.0) for v in rolling_var(values, window)]


def rolling_extreme(values: Sequence[float], window: int, highest: bool) -> list[float]:
    """`x.rolling(window).max()` (or `.min()`): NaN unless all `window` values are numbers;
    among equal extremes the latest wins (it decides the sign of a zero)."""
    x = finite_or_nan(values)
    out = [NAN] * len(x)
    candidates: deque[int] = deque()
    last_nan = -1
    for i, v in enumerate(x):
        if v != v:
            last_nan = i
        else:
            while candidates and (x[candidates[-1]] <= v if highest else x[candidates[-1]] >= v):
                candidates.pop()
            candidates.append(i)
        while candidates and candidates[0] <= i - window:
            candidates.popleft()
        if i >= window - 1 and last_nan <= i - window:
            out[i] = x[candidates[0]]
    return out
