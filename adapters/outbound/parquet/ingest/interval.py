"""The bar interval of a file, told from the spacing of its timestamps.

The most common spacing between consecutive distinct times decides: it is one minute in
1-minute data even with weekend gaps and missing quiet minutes (FX files lack a few percent of
their minutes), and one day in daily data despite weekends and holidays.
"""

from __future__ import annotations

import numpy as np

from adapters.outbound.parquet.ingest.layouts import FormatError

MINUTE = 60_000
_UNITS = (
    (7 * 86_400_000, "week"),
    (86_400_000, "day"),
    (3_600_000, "hour"),
    (MINUTE, "minute"),
    (1000, "second"),
    (1, "millisecond"),
)


class NotMinuteBars(FormatError):
    """The file holds bars of another interval; nothing of it may be stored as minutes."""


def _spacing(ms: int, *, calendar: bool = True) -> tuple[int, str]:
    """`calendar` allows months and weeks; without it the largest unit is the day."""
    if calendar and 28 * 86_400_000 <= ms <= 31 * 86_400_000:
        return 1, "month"
    for size, unit in _UNITS[0 if calendar else 1 :]:
        if ms % size == 0:
            return ms // size, unit
    return ms, "millisecond"


def bars_name(ms: int) -> str:
    """`1-day`, `5-minute`, `1-month` (28 to 31 days)."""
    count, unit = _spacing(ms)
    return f"{count}-{unit}"


def spacing_text(ms: int) -> str:
    """`1 day`, `31 days`, `90 seconds`."""
    count, unit = _spacing(ms, calendar=False)
    return f"{count} {unit}{'' if count == 1 else 's'}"


def check_minute_bars(path: str, times: np.ndarray) -> None:
    """NotMinuteBars naming the interval found, unless the times are 1-minute bars.

    Fewer than two distinct times tell nothing and pass."""
    steps = np.diff(np.unique(times))
    if len(steps) == 0:
        return
    values, counts = np.unique(steps, return_counts=True)
    common = int(values[np.argmax(counts)])
    if common == MINUTE:
        return
    median = int(np.sort(steps)[(len(steps) - 1) // 2])
    raise NotMinuteBars(
        f"{path} holds {bars_name(common)} bars (median spacing {spacing_text(median)}); "
        "ingest takes 1-minute bars only"
    )
