"""Zstandard, Brotli and gzip content coding of answers, when the client's Accept-Encoding asks.

Buffered answers are encoded by the middleware, before aiohttp sends them (zstd, br or gzip,
as the client prefers, at the levels and in the order of preference codings.py picks by
size). `body_coding` is its rule, also followed by the candle pages the response cache
keeps encoded once per coding. A handler that streams may encode its pieces itself
(`stream_coding` tells which coding, if any; candle pages do, in the worker thread that
writes them); other streamed answers are encoded on the way out by aiohttp's stream
writer, which knows the zlib codings only: they get gzip.

Only answers of at least MIN_BYTES, of a type that compresses: JSON, text, CSV, JavaScript
and Arrow IPC (our encoder writes Arrow buffers uncompressed, and they shrink by a third).
An encoded answer's ETag becomes weak: a strong ETag promises the very bytes, which the
identity answer does not share. If-None-Match compares weakly, so revalidation still works.
"""

from __future__ import annotations

import asyncio
from collections.abc import MutableMapping
from functools import lru_cache, partial

from aiohttp import web

from adapters.inbound.http.codings import LARGE_BYTES, encode, offered
from adapters.inbound.http.error_middleware import Handler
from adapters.inbound.http.header_values import add_vary, choose_coding, weak_etag

MIN_BYTES = 1024
OFF_LOOP_BYTES = 64 * 1024
COMPRESSIBLE = (
    "application/json",
    "application/problem+json",
    "application/javascript",
    "application/vnd.apache.arrow.stream",
    "image/svg+xml",
)
# zlib holds output back until it has enough: events would arrive late, or never.
UNBUFFERED = ("text/event-stream",)
_NO_BODY = (204, 304)


@lru_cache(maxsize=8)
def _encoded_asset(coding: str, body: bytes) -> bytes:
    """A public, immutable answer (the ReDoc bundle) is the same bytes each time: encode once."""
    return encode(coding, body)


def compressible(content_type: str) -> bool:
    if content_type in UNBUFFERED:
        return False
    return content_type.startswith("text/") or content_type in COMPRESSIBLE


@web.middleware
async def compression_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    response = await handler(request)
    if isinstance(response, web.Response) and not response.prepared:
        await _encode_body(request, response)
    return response


def body_coding(
    request: web.Request,
    headers: MutableMapping[str, str],
    content_type: str,
    body: bytes | None,
) -> str | None:
    """Whether an answer's body is sent encoded, and in which coding; None: as it is.

    Writes the decision into `headers`: `Vary: Accept-Encoding` on every answer of a type
    that compresses, and for one to encode, `Content-Encoding` and a weak ETag. The caller
    encodes the body. `body` is None when there is none to encode (it is encoded already,
    or the answer has no body).
    """
    if not compressible(content_type):
        return None
    add_vary(headers, "Accept-Encoding")
    if body is None or len(body) < MIN_BYTES:
        return None
    coding = choose_coding(request.headers.get("Accept-Encoding", ""), offered(len(body)))
    if coding is not None:
        headers["Content-Encoding"] = coding
        if "ETag" in headers:
            headers["ETag"] = weak_etag(headers["ETag"])
    return coding


async def _encode_body(request: web.Request, response: web.Response) -> None:
    if response.status == 304:
        _keep_the_weak_etag_revalidated(request, response)
        return
    body = response.body
    to_encode = (
        body
        if isinstance(body, bytes)
        and response.status not in _NO_BODY
        and "Content-Encoding" not in response.headers
        else None
    )
    coding = body_coding(request, response.headers, response.content_type, to_encode)
    if coding is None or to_encode is None:
        return
    encoded = await _encoded(coding, to_encode, response.headers.get("Cache-Control", ""))
    response.headers.popall("Content-Length", None)
    response.body = encoded


async def _encoded(coding: str, body: bytes, caching: str) -> bytes:
    if "public" in caching and "immutable" in caching:
        work = partial(_encoded_asset, coding, body)
    elif len(body) > OFF_LOOP_BYTES:
        work = partial(encode, coding, body)
    else:
        return encode(coding, body)
    return await asyncio.get_running_loop().run_in_executor(None, work)


def _keep_the_weak_etag_revalidated(request: web.Request, response: web.Response) -> None:
    """A 304 names the representation the client holds: weak if it was sent encoded."""
    etag = response.headers.get("ETag")
    held = {tag.strip() for tag in request.headers.get("If-None-Match", "").split(",")}
    if etag and weak_etag(etag) in held:
        response.headers["ETag"] = weak_etag(etag)


def stream_coding(request: web.Request, content_type: str) -> str | None:
    """The coding a handler streaming `content_type` should encode its pieces in; None for
    none. The handler sets Content-Encoding itself, and `encode_stream` then leaves it be.
    Streamed answers are the large ones (candle pages)."""
    if request.method == "HEAD" or not compressible(content_type):
        return None
    return choose_coding(request.headers.get("Accept-Encoding", ""), offered(LARGE_BYTES + 1))


async def encode_stream(request: web.Request, response: web.StreamResponse) -> None:
    """on_response_prepare: gzip for chunked answers that a handler writes itself."""
    if (
        isinstance(response, web.Response)
        or not response.chunked
        or response.status in _NO_BODY
        or "Content-Encoding" in response.headers
        or not compressible(response.content_type)
    ):
        return
    add_vary(response.headers, "Accept-Encoding")
    if (
        request.method == "HEAD"
        or choose_coding(request.headers.get("Accept-Encoding", ""), ("gzip",)) is None
    ):
        return
    request.writer.enable_compression("gzip")
    response.headers["Content-Encoding"] = "gzip"
    response.headers.popall("Content-Length", None)
    if "ETag" in response.headers:
        response.headers["ETag"] = weak_etag(response.headers["ETag"])
