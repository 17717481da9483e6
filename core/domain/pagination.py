"""Keyset pagination: an opaque cursor that points just past the last item returned."""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Generic, TypeVar
from uuid import UUID

from core.domain.errors import RuleViolated
from core.domain.values import supported_instant

T = TypeVar("T")
DEFAULT_LIMIT = 50
MAX_LIMIT = 500


@dataclass(frozen=True, slots=True)
class Cursor:
    """A position in an ordered list: the sort key and id of the last item seen."""

    at: datetime
    id: UUID

    def encode(self) -> str:
        raw = json.dumps([self.at.isoformat(), str(self.id)]).encode()
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    @classmethod
    def decode(cls, token: str) -> Cursor:
        """Refuses anything `encode` could not have written, forged times at the edges included."""
        try:
            raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
            at, id_ = json.loads(raw)
            cursor = cls(datetime.fromisoformat(at), UUID(id_))
            if cursor.at.tzinfo is None:
                raise ValueError(at)
            supported_instant(cursor.at, "cursor")
        except (binascii.Error, ValueError, TypeError, AttributeError, RuleViolated):
            raise RuleViolated("cursor is not one this API returned", "cursor") from None
        return cursor


@dataclass(frozen=True, slots=True)
class PageRequest:
    limit: int = DEFAULT_LIMIT
    after: Cursor | None = None

    def __post_init__(self) -> None:
        if not 1 <= self.limit <= MAX_LIMIT:
            raise RuleViolated(f"limit must be between 1 and {MAX_LIMIT}", "limit")


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    items: list[T]
    next_cursor: Cursor | None


# A page of large rows (parameters and results of up to 64 KiB each) ends early, at about
# this many bytes of JSON, with a cursor to the rest: a page stays small whatever `limit` says.
PAGE_BYTES = 2 * 1024 * 1024


def within_bytes(
    page: Page[T],
    size_of: Callable[[T], int],
    cursor_of: Callable[[T], Cursor],
    budget: int = PAGE_BYTES,
) -> Page[T]:
    """The page cut after the item that reaches `budget` (always one item at least)."""
    used = 0
    for index, item in enumerate(page.items):
        used += size_of(item)
        if used >= budget and index + 1 < len(page.items):
            return Page(page.items[: index + 1], cursor_of(item))
    return page
