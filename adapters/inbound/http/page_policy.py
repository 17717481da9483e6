"""The Content-Security-Policy of the HTML pages we serve (Swagger UI at /docs, ReDoc).

Scripts and styles may come only from this server or be the page's own inline code, allowed
by its SHA-256 hash: computed from the page as sent, so a new Swagger UI template keeps
working and anything injected into it does not run. Everything else: this server only, no
frames, no forms, no plugins. A page that needs more says so by setting its own policy
(ReDoc styles itself at run time and searches in a worker made from a `blob:` URL).
"""

from __future__ import annotations

import base64
import hashlib
import re

from aiohttp import web

from adapters.inbound.http.error_middleware import Handler

HEADER = "Content-Security-Policy"
_INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc\s*=)[^>]*>(.*?)</script\s*>", re.I | re.S)
_INLINE_STYLE = re.compile(r"<style\b[^>]*>(.*?)</style\s*>", re.I | re.S)


def page_policy(html: str, *, inline_styles: bool = False, blob_workers: bool = False) -> str:
    styles = "'unsafe-inline'" if inline_styles else _hashes(_INLINE_STYLE, html)
    directives = [
        "default-src 'none'",
        f"script-src 'self' {_hashes(_INLINE_SCRIPT, html)}".rstrip(),
        f"style-src 'self' {styles}".rstrip(),
        "img-src 'self' data:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'",
    ]
    if blob_workers:
        directives.append("worker-src blob:")
    return "; ".join(directives)


def _hashes(pattern: re.Pattern[str], html: str) -> str:
    return " ".join(f"'sha256-{_digest(code)}'" for code in pattern.findall(html))


def _digest(code: str) -> str:
    return base64.b64encode(hashlib.sha256(code.encode()).digest()).decode()


@web.middleware
async def page_policy_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Sets the policy on HTML pages that have none; it runs before compression."""
    response = await handler(request)
    if (
        isinstance(response, web.Response)
        and response.content_type == "text/html"
        and isinstance(response.body, bytes)
        and HEADER not in response.headers
    ):
        response.headers[HEADER] = page_policy(response.body.decode(response.charset or "utf-8"))
    return response
