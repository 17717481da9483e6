"""The compiled pass over the equity curve for the statistics."""

from __future__ import annotations

import numpy as np
from numba import njit

DAY_MS = 86_400_000
NS_PER_MS = 1_000_000


@njit(nogil=True, cache=True)
def curve_pass(times, equity, peaks, days, closes):
    """Drawdown periods, the equity peak and each UTC day's last equity, in one pass.

    A drawdown period runs between two bars at the running peak (or to the last bar), with
    at least one bar below it in between; its depth is written at its last bar in `peaks`
    (zeros elsewhere), or, when there is no period, the last bar's depth. Times ascend, so
    a day's number is only worked out when a bar passes the day's end. Returns (deepest,
    periods, longest_ns, total_ns, peak equity, days written, weekend bars).
    """
    count = equity.shape[0]
    peak = equity[0]
    deepest, deepest_here, depth = -np.inf, 0.0, 0.0
    periods, longest, total, last_top = 0, 0, 0, 0
    written, weekend, weekend_day, day_end = 0, 0, False, np.iinfo(np.int64).min
    for i in range(count):
        value = equity[i]
        peak = max(peak, value)
        depth = 1 - value / peak
        deepest = max(deepest, depth)
        deepest_here = max(deepest_here, depth)
        if (depth == 0 or i == count - 1) and i > last_top + 1:
            peaks[i] = deepest_here
            span = (times[i] - times[last_top]) * NS_PER_MS
            periods, total, longest = periods + 1, total + span, max(longest, span)
        if depth == 0:
            last_top, deepest_here = i, 0.0
        if times[i] >= day_end:
            day = times[i] // DAY_MS
            day_end = (day + 1) * DAY_MS
            weekend_day = (day + 3) % 7 >= 5  # 1970-01-01 was a Thursday (Monday = 0)
            days[written] = day
            written += 1
        weekend += weekend_day
        closes[written - 1] = value
    if periods == 0:
        peaks[count - 1] = depth
    return deepest, periods, longest, total, peak, written, weekend
