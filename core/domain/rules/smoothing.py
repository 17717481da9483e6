"""pandas 3.1's `ewm(adjust=False).mean()` step for step, and what is built on it (RSI, ATR).

pandas converts `span` or `alpha` to a centre of mass first and back to a weight inside
the loop (`1 / (1 + com)`), skips the update while the average equals the new value (so a
constant series stays exact), divides by the sum of the weights, and counts only non-NaN
observations towards `min_periods`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from core.domain.rules.arithmetic import divide
from core.domain.rules.rolling import finite_or_nan

NAN = math.nan


def ewm_mean(values: Sequence[float], com: float, min_periods: int) -> list[float]:
    x = finite_or_nan(values)
    if not x:
        return []
    alpha = 1.0 / (1.0 + com)
    decay = 1.0 - alpha
    new_weight = alpha
    average = x[0]
    count = int(average == average)
    out = [average if count >= min_periods else NAN]
    old_weight = 1.0
    for v in x[1:]:
        observed = v == v
        count += observed
        if average == average:
            old_weight *= decay  # a NaN keeps decaying the old average's weight
            if observed:
                if average != v:
                    if com == 1:
                        new_weight = 1.0 - old_weight
                    average = old_weight * average + new_weight * v
                    average /= old_weight + new_weight
                old_weight = 1.0
        elif observed:
            average = v
        out.append(average if count >= min_periods else NAN)
    return out


def ema(values: Sequence[float], window: int) -> list[float]:
    """`x.ewm(span=n, adjust=False, min_periods=n).mean()`."""
    return ewm_mean(values, (window - 1) / 2, window)


def wilder(values: Sequence[float], window: int) -> list[float]:
    """`x.ewm(alpha=1 / n, adjust=False, min_periods=n).mean()`."""
    alpha = 1 / window
    return ewm_mean(values, (1 - alpha) / alpha, window)


def shift(values: Sequence[float], periods: int) -> list[float]:
    """`x.shift(n)` for n >= 1."""
    return [NAN] * min(periods, len(values)) + list(values[: max(0, len(values) - periods)])


def _clip_lower_zero(v: float) -> float:
    return 0.0 if v < 0 else v


def rsi(values: Sequence[float], window: int) -> list[float]:
    """Wilder's RSI: 100 when the average loss is 0, 0 when the average gain is, NaN if both."""
    diff = [NAN] + [values[i] - values[i - 1] for i in range(1, len(values))]
    gains = wilder([_clip_lower_zero(d) for d in diff], window)
    losses = wilder([_clip_lower_zero(-d) for d in diff], window)
    return [100.0 - divide(100.0, 1.0 + divide(g, lo)) for g, lo in zip(gains, losses, strict=True)]


def true_range(high: Sequence[float], low: Sequence[float], close: Sequence[float]) -> list[float]:
    """The largest of high - low, |high - previous close|, |low - previous close| (NaNs skipped)."""
    ranges = []
    for i in range(len(high)):
        candidates = [high[i] - low[i]]
        if i:
            candidates += [abs(high[i] - close[i - 1]), abs(low[i] - close[i - 1])]
        ranges.append(_nanmax(candidates))
    return ranges


def _nanmax(values: Sequence[float]) -> float:
    numbers = [v for v in values if v == v]
    if not numbers:
        return NAN
    best = numbers[0]
    for v in numbers[1:]:
        if v > best:
            best = v
    return best


def atr(
    high: Sequence[float], low: Sequence[float], close: Sequence[float], window: int
) -> list[float]:
    """Wilder's average true range."""
    return wilder(true_range(high, low, close), window)
