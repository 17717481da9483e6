"""Query-string page parameters to the core's PageRequest."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from core.domain.pagination import Cursor, PageRequest


def page_request(query: Mapping[str, Any]) -> PageRequest:
    cursor = query.get("cursor")
    return PageRequest(limit=query["limit"], after=Cursor.decode(cursor) if cursor else None)
