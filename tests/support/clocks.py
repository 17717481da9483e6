"""A clock and ids the test controls, for use cases over the in-memory adapters."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta


class SteppingClock:
    """One second later at every call, from 2024-01-01 UTC."""

    def __init__(self) -> None:
        self.at = datetime(2024, 1, 1, tzinfo=UTC)

    def now(self) -> datetime:
        self.at += timedelta(seconds=1)
        return self.at


class CountingIds:
    """UUID(int=1), UUID(int=2), ..."""

    def __init__(self) -> None:
        self.n = 0

    def new_id(self) -> uuid.UUID:
        self.n += 1
        return uuid.UUID(int=self.n)
