"""How long an answer about candles stays true: forever for the past, briefly for today."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import Enum


class Freshness(Enum):
    IMMUTABLE = "immutable"  # the range ends before today (UTC): stored bars never change
    LIVE = "live"  # the range touches today: new bars keep arriving


def freshness_of(end: datetime, now: datetime) -> Freshness:
    today = now.astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    return Freshness.IMMUTABLE if end <= today else Freshness.LIVE
