"""The rules language's indicators, compiled: bit-equal to pandas 3.1 and to the pure-Python
reference in core.domain.rules (rolling.py, smoothing.py), which explains the algorithms.
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit

from adapters.outbound.engine.fast.rolling import _rolling_extreme, _rolling_mean, _rolling_var

NAN = np.nan
FloatArray = np.ndarray


def finite_or_nan(values: FloatArray) -> FloatArray:
    """pandas' window functions see ±inf as NaN. Bars seldom hold an infinity: the column
    is copied only when one does (the kernels never write to their input)."""
    values = np.asarray(values, dtype=np.float64)
    return np.where(np.isinf(values), NAN, values) if _any_infinite(values) else values


def first_number(values: FloatArray) -> int:
    """backtesting.py's warm-up of one indicator: its first non-NaN index (0 when all are
    NaN, as numpy's argmin of isnan gives)."""
    return int(_first_number(values)) if values.ndim else 0


def sma(x: FloatArray, window: int) -> FloatArray:
    return _rolling_mean(np.asarray(x, dtype=np.float64), window)


def stdev(x: FloatArray, window: int) -> FloatArray:
    variance = _rolling_var(finite_or_nan(x), window)
    return np.where(variance < 0, 0.0, np.sqrt(np.where(variance < 0, 0.0, variance)))


def highest(x: FloatArray, window: int) -> FloatArray:
    return _rolling_extreme(finite_or_nan(x), window, True)


def lowest(x: FloatArray, window: int) -> FloatArray:
    return _rolling_extreme(finite_or_nan(x), window, False)


def ema(x: FloatArray, window: int) -> FloatArray:
    return _ewm_mean(finite_or_nan(x), (window - 1) / 2, window)


def wilder(x: FloatArray, window: int) -> FloatArray:
    alpha = 1 / window
    return _ewm_mean(finite_or_nan(x), (1 - alpha) / alpha, window)


def shift(x: FloatArray, periods: int) -> FloatArray:
    out = np.full(x.size, NAN)
    out[periods:] = x[: max(0, x.size - periods)]
    return out


def rsi(x: FloatArray, window: int) -> FloatArray:
    diff = np.full(x.size, NAN)
    with np.errstate(all="ignore"):
        diff[1:] = x[1:] - x[:-1]
        gains = wilder(np.where(diff < 0, 0.0, diff), window)
        losses = wilder(np.where(-diff < 0, 0.0, -diff), window)
        return 100.0 - 100.0 / (1.0 + gains / losses)


def atr(high: FloatArray, low: FloatArray, close: FloatArray, window: int) -> FloatArray:
    return wilder(_true_range(high, low, close), window)


def warm_up() -> None:
    """Compile every kernel now (or load it from numba's cache), not on a request."""
    x = np.array([1.0, 2.0, 2.0, 1.5, 3.0])
    for window in (1, 2):
        sma(x, window), stdev(x, window), highest(x, window), lowest(x, window)
        ema(x, window), rsi(x, window), atr(x, x, x, window)
    crosses(x, x[::-1].copy()), first_number(x)


@njit(nogil=True, cache=True)
def crosses(a: FloatArray, b: FloatArray) -> np.ndarray:  # pragma: no cover - compiled
    """backtesting.py's crossover at each bar: a was below b at the bar before and is above
    it now (NaN compares false)."""
    out = np.zeros(a.size, dtype=np.bool_)
    for i in range(1, a.size):
        out[i] = a[i - 1] < b[i - 1] and a[i] > b[i]
    return out


@njit(nogil=True, cache=True)
def _any_infinite(values: FloatArray) -> bool:  # pragma: no cover - compiled
    for value in values:  # noqa: SIM110 - a loop numba compiles, stopping at the first
        if math.isinf(value):
            return True
    return False


@njit(nogil=True, cache=True)
def _first_number(values: FloatArray) -> int:  # pragma: no cover - compiled
    for i in range(values.size):
        if values[i] == values[i]:
            return i
    return 0


@njit(nogil=True, cache=True)
def _ewm_mean(x: FloatArray, com: float, min_periods: int) -> FloatArray:  # pragma: no cover
    out = np.full(x.size, NAN)
    if x.size == 0:
        return out
    alpha = 1.0 / (1.0 + com)
    decay = 1.0 - alpha
    new_weight = alpha
    average = x[0]
    count = 1 if average == average else 0
    if count >= min_periods:
        out[0] = average
    old_weight = 1.0
    for i in range(1, x.size):
        v = x[i]
        observed = v == v
        if observed:
            count += 1
        if average == average:
            old_weight *= decay
            if observed:
                if average != v:
                    if com == 1.0:
                        new_weight = 1.0 - old_weight
                    average = old_weight * average + new_weight * v
                    average /= old_weight + new_weight
                old_weight = 1.0
        elif observed:
            average = v
        if count >= min_periods:
            out[i] = average
    return out


@njit(nogil=True, cache=True)
def _true_range(
    high: FloatArray, low: FloatArray, close: FloatArray
) -> FloatArray:  # pragma: no cover
    out = np.empty(high.size)
    for i in range(high.size):
        best = high[i] - low[i]
        if i:
            for candidate in (abs(high[i] - close[i - 1]), abs(low[i] - close[i - 1])):
                if candidate == candidate and (best != best or candidate > best):
                    best = candidate
        out[i] = best
    return out
