"""CORS for a browser frontend on another origin, with aiohttp-cors.

aiohttp-cors answers preflights (an OPTIONS route on each resource, for the methods that
resource has) and adds the headers to answers of routed requests. Two gaps are filled here:
answers to requests that match no route (404, 405) get the headers too, or the browser would
hide the problem body from the frontend; and every answer says `Vary: Origin`, since
`Access-Control-Allow-Origin` echoes the request's origin.

Tokens travel in `Authorization`, never in cookies: credentials stay disallowed.
"""

from __future__ import annotations

from collections.abc import Sequence

from aiohttp import hdrs, web
from aiohttp_cors import CorsConfig, ResourceOptions

from adapters.inbound.http.header_values import add_vary
from adapters.inbound.http.origins import ANY_ORIGIN

ALLOWED_HEADERS = (
    "Authorization", "Content-Type", "If-None-Match", "If-Match", "X-Request-ID", "Prefer",
)  # fmt: skip
EXPOSED_HEADERS = (
    "ETag", "Location", "Link", "X-Request-ID", "X-Next-Cursor", "Retry-After",
    "Preference-Applied",
)  # fmt: skip
PREFLIGHT_MAX_AGE_S = 600


def setup_cors(app: web.Application, origins: Sequence[str]) -> None:
    """Allows `origins` (or any, with `*`) on every route but static files; none: no CORS."""
    if not origins:
        return
    options = ResourceOptions(
        allow_headers=ALLOWED_HEADERS,
        expose_headers=EXPOSED_HEADERS,
        max_age=PREFLIGHT_MAX_AGE_S,
    )
    cors = CorsConfig(app, defaults={origin: options for origin in origins})
    for route in list(app.router.routes()):
        if isinstance(route.resource, web.Resource):
            cors.add(route)
    app.on_response_prepare.append(_UnroutedAnswers(frozenset(origins)))


class _UnroutedAnswers:
    """Runs after aiohttp-cors: CORS headers where it added none for an allowed origin."""

    def __init__(self, origins: frozenset[str]) -> None:
        self._origins = origins

    async def __call__(self, request: web.Request, response: web.StreamResponse) -> None:
        add_vary(response.headers, "Origin")
        origin = request.headers.get(hdrs.ORIGIN)
        if (
            origin is None
            or hdrs.ACCESS_CONTROL_ALLOW_ORIGIN in response.headers
            or (origin not in self._origins and ANY_ORIGIN not in self._origins)
            or _is_preflight(request)
        ):
            return
        response.headers[hdrs.ACCESS_CONTROL_ALLOW_ORIGIN] = origin
        response.headers[hdrs.ACCESS_CONTROL_EXPOSE_HEADERS] = ",".join(EXPOSED_HEADERS)


def _is_preflight(request: web.Request) -> bool:
    # A refused preflight stays without CORS headers, so the browser refuses the request.
    return (
        request.method == hdrs.METH_OPTIONS
        and hdrs.ACCESS_CONTROL_REQUEST_METHOD in request.headers
    )
