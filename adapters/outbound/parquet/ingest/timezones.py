"""Local wall-clock times to UTC, vectorised, with DST handled the same way every time.

HistData documents its times as EST without daylight saving (UTC-5), but real files line up
with New York local time, DST included (their weekly open is Sunday 17:00 in January and in
June alike). So the default source zone is America/New_York; "-05:00" gives the documented
fixed offset. In the autumn hour that happens twice, a time is read as its first occurrence
(daylight time); in the spring hour that does not exist, the offset before the change is used
(so 02:30 becomes 07:30 UTC, the same instant as 03:30 daylight time).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import numpy as np

_OFFSET = re.compile(r"^([+-])(\d{2}):?(\d{2})$")


def zone(name: str) -> tzinfo:
    match = _OFFSET.match(name.strip())
    if match:
        sign = -1 if match.group(1) == "-" else 1
        return timezone(sign * timedelta(hours=int(match.group(2)), minutes=int(match.group(3))))
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(
            f"unknown time zone {name!r}; use an IANA name or an offset like -05:00"
        ) from None


def to_utc_ms(local_seconds: np.ndarray, source_tz: str) -> np.ndarray:
    """Epoch-like seconds of local wall-clock times to UTC epoch milliseconds."""
    tz = zone(source_tz)
    hours = local_seconds // 3600
    unique = np.unique(hours)
    offsets = np.array(
        [
            datetime.fromtimestamp(int(h) * 3600, UTC)
            .replace(tzinfo=tz, fold=0)
            .utcoffset()
            .total_seconds()  # type: ignore[union-attr]
            for h in unique
        ],
        dtype=np.int64,
    )
    per_row = offsets[np.searchsorted(unique, hours)]
    return (local_seconds - per_row) * 1000
