"""Keyset pagination in SQL: fetch one row more than asked to know whether more exist."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any, TypeVar
from uuid import UUID

from core.domain.pagination import Cursor, Page

T = TypeVar("T")


def page_of(
    rows: Sequence[Any],
    limit: int,
    build: Callable[[Any], T],
    key: Callable[[T], tuple[datetime, UUID]],
) -> Page[T]:
    items = [build(row) for row in rows[:limit]]
    cursor = Cursor(*key(items[-1])) if len(rows) > limit else None
    return Page(items, cursor)
