"""Drawdown periods of an equity curve, as backtesting.py delimits them."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from core.domain.engine.numeric import NAN, pairwise_sum
from core.domain.engine.periods import NS_PER_MS


@dataclass(frozen=True, slots=True)
class Drawdowns:
    """`deepest` and `mean_peak` are fractions of the running peak; durations are raw ns.

    A period runs from a bar at its peak to the next bar at a peak (or the last bar). When
    only the last bar is below its peak there is no such period: its depth still counts as
    the mean peak, but it has no duration (backtesting.py reports the depth there instead).
    """

    deepest: float
    mean_peak: float
    longest_ns: int | None
    mean_ns: int | None


def drawdowns(times: Sequence[int], equity: Sequence[float]) -> Drawdowns:
    depth: list[float] = []
    peak = equity[0]
    for value in equity:
        peak = max(peak, value)
        depth.append(1 - value / peak)
    last = len(depth) - 1
    at_peak = [i for i, value in enumerate(depth) if value == 0]
    if not at_peak or at_peak[-1] != last:
        at_peak.append(last)
    periods = [
        (before, after) for before, after in itertools.pairwise(at_peak) if after > before + 1
    ]
    peaks = [0.0] * len(depth)  # pandas averages over a full-length column with gaps
    if not periods:
        peaks[last] = depth[last]
        return Drawdowns(max(depth), _mean_of_nonzero(peaks), None, None)
    durations = [(times[after] - times[before]) * NS_PER_MS for before, after in periods]
    for before, after in periods:
        peaks[after] = max(depth[before : after + 1])
    return Drawdowns(
        max(depth),
        pairwise_sum(peaks) / len(periods),
        max(durations),
        mean_ns(durations),
    )


def mean_ns(durations: Sequence[int]) -> int:
    """pandas' mean of timedeltas: a float mean truncated to whole nanoseconds."""
    return int(float(sum(durations)) / len(durations))


def _mean_of_nonzero(values: list[float]) -> float:
    count = sum(1 for value in values if value != 0)
    return pairwise_sum(values) / count if count else NAN
