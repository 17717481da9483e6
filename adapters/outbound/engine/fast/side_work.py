"""Numpy work a run hands to another core while its own thread goes on.

Beta needs the log of every bar's return of the close and of equity: two columns of libm
logs, about as long as the bar loop and the indicators together on a year of minutes. numpy
and the compiled kernels let go of the GIL, so the close's logs are worked out while the
indicators and the loop run, and the equity's while the curve's other figures are. A run
waits for them only where beta is computed; the results are the same bits either way.
"""

from __future__ import annotations

import math
from concurrent.futures import ThreadPoolExecutor
from typing import Protocol

import numpy as np
from numba import njit

_POOL = ThreadPoolExecutor(max_workers=2, thread_name_prefix="engine-side")
# Below this many bars the logs take less than handing them to a thread does (~0.1 ms).
_WORTH_A_THREAD = 20_000


def log_returns(values: np.ndarray) -> np.ndarray | None:
    """log(v[i+1] / v[i]) for every bar; None where beta is undefined (fewer than three
    values, or one not above zero: numpy's covariance of a log of zero is NaN)."""
    if len(values) < 3:
        return None
    returns = _log_returns(values)
    return returns if len(returns) else None


@njit(nogil=True, cache=True)
def _log_returns(values):  # pragma: no cover - compiled
    """The log returns, or none at all when a value is not above zero (or is NaN)."""
    returns = np.empty(values.shape[0] - 1)
    for i in range(values.shape[0]):
        if not values[i] > 0:
            return returns[:0]
        if i:
            returns[i - 1] = math.log(values[i] / values[i - 1])
    return returns


class Later(Protocol):
    """Log returns being worked out (a Future), or worked out already (Ready)."""

    def result(self) -> np.ndarray | None: ...


class Ready:
    """Log returns worked out on the caller's thread: a Future without its lock and
    condition, which cost more to make than a short run's logs."""

    __slots__ = ("_value",)

    def __init__(self, value: np.ndarray | None) -> None:
        self._value = value

    def result(self) -> np.ndarray | None:
        return self._value


def log_returns_later(values: np.ndarray) -> Later:
    if len(values) >= _WORTH_A_THREAD:
        return _POOL.submit(log_returns, values)
    return Ready(log_returns(values))
