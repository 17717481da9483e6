"""Builds the aiohttp application: middlewares, routes and the OpenAPI documents."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from aiohttp import web
from aiohttp_apispec import validation_middleware

from adapters.inbound.http.auth_middleware import Authenticator, auth_middleware
from adapters.inbound.http.compression import compression_middleware, encode_stream
from adapters.inbound.http.cors import setup_cors
from adapters.inbound.http.error_middleware import problem_middleware
from adapters.inbound.http.logging_middleware import echo_request_id, logging_middleware
from adapters.inbound.http.openapi_document import document_app
from adapters.inbound.http.page_policy import page_policy_middleware
from adapters.inbound.http.request_parser import ProblemParser
from adapters.inbound.http.routes import (
    backtests,
    docs,
    health,
    ohlcv,
    runs,
    strategies,
    strategy_kinds,
    trades,
    users,
)
from adapters.inbound.http.security_headers import add_security_headers
from adapters.inbound.http.slashes import add_slash_aliases

# strategy_kinds before strategies: /strategies/kinds is not a /strategies/{strategy_id}.
ROUTE_MODULES = (
    health,
    users,
    backtests,
    runs,
    trades,
    strategy_kinds,
    strategies,
    ohlcv,
    docs,
)
API_DESCRIPTION = """Create, run, manage and analyse strategy backtests.

Every endpoint but health and the docs needs `Authorization: Bearer <Supabase access token>`.
Errors are `application/problem+json` (RFC 9457); validation errors list field errors under
`errors`. Lists are paginated with `limit` and an opaque `cursor` (the `next_cursor` of the
previous page)."""


def create_app(
    authenticate: Callable[[], Authenticator],
    *,
    version: str,
    max_body_bytes: int,
    cors_origins: Sequence[str] = (),
    body_timeout_seconds: float = 30.0,
) -> web.Application:
    """`authenticate` is a zero-argument callable giving the Authenticate use case.

    `cors_origins`: the browser origins allowed to call the API (`*`: any); empty: no CORS.
    """
    app = web.Application(
        client_max_size=max_body_bytes,
        middlewares=[
            logging_middleware,
            compression_middleware,
            page_policy_middleware,
            problem_middleware,
            auth_middleware(authenticate),
            validation_middleware,
        ],
    )
    for module in ROUTE_MODULES:
        app.add_routes(module.routes)
    document_app(app, title="Backtest API", version=version, description=API_DESCRIPTION)
    app["_apispec_parser"] = ProblemParser(body_timeout_seconds)
    # After the document (the other forms are not operations), before CORS (they need
    # preflights too).
    add_slash_aliases(app)
    setup_cors(app, cors_origins)
    for on_prepare in (echo_request_id, add_security_headers, encode_stream):
        app.on_response_prepare.append(on_prepare)
    return app
