"""Time and identity are passed in, so the domain is deterministic under test."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Protocol
from uuid import UUID


class Clock(Protocol):
    """Tells the current time, timezone-aware in UTC."""

    def now(self) -> datetime: ...


class IdGenerator(Protocol):
    """Hands out fresh identifiers."""

    def new_id(self) -> UUID: ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class RandomIds:
    def new_id(self) -> UUID:
        return uuid.uuid4()
