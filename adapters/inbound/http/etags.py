"""ETags of single resources and the If-Match header: optimistic concurrency for clients."""

from __future__ import annotations

from datetime import datetime

from aiohttp import web

from core.domain.versions import version_of


def etag(updated_at: datetime) -> str:
    return f'"{version_of(updated_at)}"'


def expected_versions(request: web.Request) -> tuple[str, ...] | None:
    """The versions If-Match accepts; None when absent or `*` (any stored version).

    A weak tag (W/"...") counts as its strong twin: compressed answers weaken ETags.
    """
    header = request.headers.get("If-Match", "").strip()
    if not header or header == "*":
        return None
    tags = (tag.strip().removeprefix("W/").strip('"') for tag in header.split(","))
    return tuple(tag for tag in tags if tag)


def with_etag(response: web.Response, updated_at: datetime) -> web.Response:
    response.headers["ETag"] = etag(updated_at)
    return response
