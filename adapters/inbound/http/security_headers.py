"""Security headers on every answer, set as it is prepared so streamed answers get them too.

- `X-Content-Type-Options: nosniff` and `Referrer-Policy: no-referrer` everywhere;
- answers under /api/ are not stored by caches unless the handler chose its caching (market
  data does: past ranges are immutable);
- a page may not be framed (`X-Frame-Options: DENY`, CSP `frame-ancestors 'none'`); answers
  that are not HTML pages allow nothing at all (`default-src 'none'`); HTML pages (the
  docs) get the policy `html_policy` computes from their own inline code;
- `Server` names the service, not the versions of Python and aiohttp.
"""

from __future__ import annotations

from aiohttp import web

SERVER = "backtest-api"
API_PREFIX = "/api/"
NOTHING_ALLOWED = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'"
_FIXED = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


async def add_security_headers(request: web.Request, response: web.StreamResponse) -> None:
    """on_response_prepare handler."""
    headers = response.headers
    headers.update(_FIXED)
    headers["Server"] = SERVER
    headers.setdefault("Content-Security-Policy", NOTHING_ALLOWED)
    if request.path.startswith(API_PREFIX):
        headers.setdefault("Cache-Control", "no-store")
