"""Each indicator's defining pandas expression, exactly as docs/rules.md writes it."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd


def wilder(x: pd.Series, n: int) -> pd.Series:
    return x.ewm(alpha=1 / n, adjust=False, min_periods=n).mean()


def rsi(x: pd.Series, n: int) -> pd.Series:
    d = x.diff()
    g = wilder(d.clip(lower=0), n)
    loss = wilder((-d).clip(lower=0), n)
    return 100 - 100 / (1 + g / loss)


def atr(high: pd.Series, low: pd.Series, close: pd.Series, n: int) -> pd.Series:
    previous = close.shift(1)
    parts = [high - low, (high - previous).abs(), (low - previous).abs()]
    return wilder(pd.concat(parts, axis=1).max(axis=1), n)


SERIES_DEFINITIONS: dict[str, Callable[[pd.Series, int], pd.Series]] = {
    "sma": lambda x, n: x.rolling(n).mean(),
    "ema": lambda x, n: x.ewm(span=n, adjust=False, min_periods=n).mean(),
    "rsi": rsi,
    "stdev": lambda x, n: x.rolling(n).std(),
    "highest": lambda x, n: x.rolling(n).max(),
    "lowest": lambda x, n: x.rolling(n).min(),
    "bb_upper": lambda x, n: x.rolling(n).mean() + 2.0 * x.rolling(n).std(),
    "bb_lower": lambda x, n: x.rolling(n).mean() - 1.5 * x.rolling(n).std(),
    "shift": lambda x, n: x.shift(n),
}
