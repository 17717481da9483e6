"""Sending candle answers: from the cache with an ETag, or streamed while they are encoded.

Every page but the last says where the series continues: `X-Next-Cursor`, and on GET a
`Link: <...>; rel="next"` to the same URL with `cursor` (root-relative). A POST continues by
sending the same body again with `cursor`, which no link can say.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator

from aiohttp import web

from adapters.inbound.http.ohlcv.response_cache import CachedResponse, ResponseCache
from core.use_cases.market_data.freshness import Freshness


def next_page_headers(request: web.Request, cursor: str | None) -> dict[str, str]:
    if cursor is None:
        return {}
    headers = {"X-Next-Cursor": cursor}
    if request.method in ("GET", "HEAD"):
        headers["Link"] = f'<{request.rel_url.update_query(cursor=cursor)}>; rel="next"'
    return headers


def cache_headers(freshness: Freshness, live_ttl: float) -> dict[str, str]:
    return {
        "Cache-Control": "private, max-age=31536000, immutable"
        if freshness is Freshness.IMMUTABLE
        else f"private, max-age={int(live_ttl)}",
        "Vary": "Accept, Authorization",
    }


async def stream(
    request: web.Request,
    chunks: Iterator[bytes],
    kind: tuple[str, Freshness, str | None],
    key: Hashable,
    cache: ResponseCache,
) -> web.StreamResponse:
    """Sends a large answer while it is encoded, yielding to the loop between pieces.

    `kind` is the content type, the freshness and the next page's cursor: every header is set
    before the first piece. The ETag is not known before the body, so this first answer has
    none; the body is kept in the response cache, and the next identical request gets it
    with an ETag.
    """
    content_type, freshness, next_cursor = kind
    headers = {
        **cache_headers(freshness, cache.live_ttl_seconds),
        **next_page_headers(request, next_cursor),
    }
    response = web.StreamResponse(headers=headers)
    response.content_type = content_type
    response.enable_chunked_encoding()
    await response.prepare(request)
    sent = []
    try:
        for chunk in chunks:
            await response.write(chunk)
            sent.append(chunk)
        await response.write_eof()
    except ConnectionResetError:
        # The client went away; the half-sent answer is not worth keeping.
        return response
    cache.put(key, CachedResponse.of(b"".join(sent), content_type, freshness, next_cursor))
    return response


def respond(request: web.Request, entry: CachedResponse, live_ttl: float) -> web.Response:
    headers = {
        "ETag": entry.etag,
        **cache_headers(entry.freshness, live_ttl),
        **next_page_headers(request, entry.next_cursor),
    }
    if entry.etag in _etags(request.headers.get("If-None-Match", "")):
        return web.Response(status=304, headers=headers)
    return web.Response(body=entry.body, content_type=entry.content_type, headers=headers)


def _etags(header: str) -> set[str]:
    return {tag.strip().removeprefix("W/") for tag in header.split(",") if tag.strip()}
