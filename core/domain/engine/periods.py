"""Calendar arithmetic of the statistics on epoch milliseconds (UTC), standard library only.

backtesting.py derives from the bar spacing how often the equity is sampled for returns
and how many of those periods make a year; it rounds durations up to the data's
resolution. These are the same rules on integer milliseconds and nanoseconds.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from datetime import date
from typing import Literal

DAY_MS = 86_400_000
NS_PER_MS = 1_000_000
DAY_NS = DAY_MS * NS_PER_MS
_UNITS_NS = (DAY_NS, 3_600 * 10**9, 60 * 10**9, 10**9, 10**6, 10**3, 1)
_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
# A share of weekend bars above this means the market trades every day (pandas computes it so).
WEEKEND_SHARE = 2 / 7 * 0.6

Sampling = Literal["D", "W", "ME", "YE"]
_SAMPLING: dict[int, Sampling] = {7: "W", 31: "ME", 365: "YE"}


def median_spacing_ns(times: Sequence[int]) -> int | None:
    """The median gap between the last 100 bars (pandas' median, truncated to a ns)."""
    tail = list(times[-100:])
    gaps = sorted(later - earlier for earlier, later in itertools.pairwise(tail))
    if not gaps:
        return None
    middle = len(gaps) // 2
    if len(gaps) % 2:
        return gaps[middle] * NS_PER_MS
    return (gaps[middle - 1] + gaps[middle]) * NS_PER_MS // 2


def resolution_ns(spacing_ns: int) -> int:
    """The coarsest unit (day, hour, minute, ... nanosecond) of which the spacing is a multiple."""
    return next(unit for unit in _UNITS_NS if spacing_ns % unit == 0)


def round_up(duration_ns: int, unit_ns: int) -> int:
    return -(-duration_ns // unit_ns) * unit_ns


def sampling(spacing_ns: int | None) -> Sampling:
    """How equity is sampled for returns: by week, month or year for such bars, else by day."""
    days = None if spacing_ns is None else spacing_ns // DAY_NS
    return _SAMPLING.get(days, "D") if days is not None else "D"


def periods_per_year(spacing_ns: int | None, weekend_share: float) -> int:
    """52 for weekly, 12 for monthly, 1 for yearly bars; else 365 days or 252 trading days."""
    days = None if spacing_ns is None else spacing_ns // DAY_NS
    fixed = {7: 52, 31: 12, 365: 1}.get(days) if days is not None else None
    if fixed is not None:
        return fixed
    return 365 if weekend_share > WEEKEND_SHARE else 252


def is_weekend(ms: int) -> bool:
    return (ms // DAY_MS + 3) % 7 >= 5  # 1970-01-01 was a Thursday (Monday = 0)


def period_key(ms: int, every: Sampling) -> int:
    """Which calendar day, week (Monday to Sunday), month or year holds the moment."""
    days = ms // DAY_MS
    if every == "D":
        return days
    if every == "W":
        return (days + 3) // 7
    moment = date.fromordinal(_EPOCH_ORDINAL + days)
    return moment.year * 12 + moment.month if every == "ME" else moment.year
