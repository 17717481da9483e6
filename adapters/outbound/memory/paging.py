"""Keyset pages over in-memory rows, with the same cursor rules as the SQL."""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import TypeVar
from uuid import UUID

from core.domain.pagination import Cursor, Page, PageRequest

T = TypeVar("T")
Key = Callable[[T], tuple[datetime, UUID]]


def page_of(items: Iterable[T], page: PageRequest, key: Key[T], *, newest_first: bool) -> Page[T]:
    """Sorts by key, starts just past the cursor and hands out copies."""
    ordered = sorted(items, key=key, reverse=newest_first)
    if page.after is not None:
        mark = (page.after.at, page.after.id)
        ordered = [i for i in ordered if (key(i) < mark if newest_first else key(i) > mark)]
    chosen = ordered[: page.limit]
    cursor = Cursor(*key(chosen[-1])) if len(ordered) > page.limit else None
    return Page([copy.deepcopy(i) for i in chosen], cursor)
