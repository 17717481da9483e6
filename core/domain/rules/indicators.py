"""The reference indicators, each equal to its pandas expression (functions.py) to the last bit.

The algorithms are pandas 3.1's, transcribed in rolling.py and smoothing.py; this module
names them as the language does and applies them to a call's evaluated arguments.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from core.domain.engine.bars import Bars
from core.domain.rules.rolling import rolling_extreme, rolling_mean, rolling_std
from core.domain.rules.smoothing import atr, ema, rsi, shift

Series = Sequence[float]


def sma(x: Series, n: int) -> list[float]:
    return rolling_mean(x, n)


def stdev(x: Series, n: int) -> list[float]:
    return rolling_std(x, n)


def highest(x: Series, n: int) -> list[float]:
    return rolling_extreme(x, n, highest=True)


def lowest(x: Series, n: int) -> list[float]:
    return rolling_extreme(x, n, highest=False)


def bb_upper(x: Series, n: int, k: float) -> list[float]:
    return [m + k * s for m, s in zip(rolling_mean(x, n), rolling_std(x, n), strict=True)]


def bb_lower(x: Series, n: int, k: float) -> list[float]:
    return [m - k * s for m, s in zip(rolling_mean(x, n), rolling_std(x, n), strict=True)]


def crosses_above(a: Series | float, b: Series | float, count: int) -> list[bool]:
    """`(a.shift(1) < b.shift(1)) & (a > b)`: strict on both bars, false at bar 0 and on NaN."""
    a_, b_ = _column(a, count), _column(b, count)
    return [i > 0 and a_[i - 1] < b_[i - 1] and a_[i] > b_[i] for i in range(count)]


def crosses_below(a: Series | float, b: Series | float, count: int) -> list[bool]:
    a_, b_ = _column(a, count), _column(b, count)
    return [i > 0 and a_[i - 1] > b_[i - 1] and a_[i] < b_[i] for i in range(count)]


def _column(value: Series | float, count: int) -> Series:
    return [value] * count if isinstance(value, float | int) else value


def _window(arg: Any) -> int:
    return int(arg)


INDICATORS: dict[str, Callable[[Bars, list[Any]], Any]] = {
    "sma": lambda bars, a: sma(a[0], _window(a[1])),
    "ema": lambda bars, a: ema(a[0], _window(a[1])),
    "rsi": lambda bars, a: rsi(a[0], _window(a[1])),
    "atr": lambda bars, a: atr(
        [float(v) for v in bars.high],
        [float(v) for v in bars.low],
        [float(v) for v in bars.close],
        _window(a[0]),
    ),
    "stdev": lambda bars, a: stdev(a[0], _window(a[1])),
    "highest": lambda bars, a: highest(a[0], _window(a[1])),
    "lowest": lambda bars, a: lowest(a[0], _window(a[1])),
    "bb_upper": lambda bars, a: bb_upper(a[0], _window(a[1]), a[2]),
    "bb_lower": lambda bars, a: bb_lower(a[0], _window(a[1]), a[2]),
    "shift": lambda bars, a: shift(a[0], _window(a[1])),
    "crosses_above": lambda bars, a: crosses_above(a[0], a[1], len(bars)),
    "crosses_below": lambda bars, a: crosses_below(a[0], a[1], len(bars)),
}
