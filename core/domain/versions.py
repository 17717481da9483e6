"""Versions of stored resources, for optimistic concurrency (ETag and If-Match)."""

from __future__ import annotations

from datetime import datetime

from core.domain.errors import PreconditionFailed


def version_of(updated_at: datetime) -> str:
    """Changes whenever the resource is written (every write moves updated_at)."""
    return f"{updated_at.timestamp():.6f}".replace(".", "-")


def check_version(expected: tuple[str, ...] | None, updated_at: datetime, what: str) -> None:
    """Refuses a write made against an older copy; None means the client did not ask."""
    if expected is not None and version_of(updated_at) not in expected:
        raise PreconditionFailed(
            f"{what} changed since it was read (If-Match does not match its ETag); "
            "read it again and retry"
        )
