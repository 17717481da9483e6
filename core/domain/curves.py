"""Equity curves for charts: drawdown, and downsampling that keeps every extreme."""

from __future__ import annotations

from collections.abc import Sequence


def drawdown_pcts(equity: Sequence[float]) -> list[float]:
    """Percent below the running peak at each bar (0 at a new high, negative below it)."""
    out: list[float] = []
    peak = float("-inf")
    for value in equity:
        peak = max(peak, value)
        out.append((value / peak - 1.0) * 100.0 if peak > 0 else 0.0)
    return out


def keep_extremes(columns: Sequence[Sequence[float]], points: int) -> list[int]:
    """At most `points` indices into the columns, in order, keeping the first and last bar
    and, in each of equal-width buckets, every column's minimum and maximum: the global
    peak and trough of every column always survive."""
    count = len(columns[0]) if columns else 0
    if count <= points:
        return list(range(count))
    per_bucket = 2 * len(columns)
    buckets = max(1, (points - 2) // per_bucket)
    kept = {0, count - 1}
    for bucket in range(buckets):
        lo = bucket * count // buckets
        hi = (bucket + 1) * count // buckets
        if lo >= hi:
            continue
        for column in columns:
            window = range(lo, hi)
            kept.add(min(window, key=column.__getitem__))
            kept.add(max(window, key=column.__getitem__))
    return sorted(kept)
