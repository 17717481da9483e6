"""Builds the aiohttp application: middlewares, routes and the OpenAPI documents."""

from __future__ import annotations

import json
from collections.abc import Callable

from aiohttp import web
from aiohttp_apispec import setup_aiohttp_apispec, validation_middleware

from adapters.inbound.http.auth_middleware import Authenticator, auth_middleware
from adapters.inbound.http.error_middleware import problem_middleware
from adapters.inbound.http.logging_middleware import logging_middleware
from adapters.inbound.http.request_parser import ProblemParser
from adapters.inbound.http.routes import (
    backtests,
    docs,
    health,
    ohlcv,
    strategies,
    trades,
    users,
)
from adapters.inbound.http.schemas.ohlcv import CandlesSchema
from adapters.inbound.http.schemas.trades import TradeCreateSchema

ROUTE_MODULES = (health, users, backtests, trades, strategies, ohlcv, docs)
API_DESCRIPTION = """Create, run, manage and analyse strategy backtests.

Every endpoint but health and the docs needs `Authorization: Bearer <Supabase access token>`.
Errors are `application/problem+json` (RFC 9457); validation errors list field errors under
`errors`. Lists are paginated with `limit` and an opaque `cursor` (the `next_cursor` of the
previous page)."""


def create_app(
    authenticate: Callable[[], Authenticator], *, version: str, max_body_bytes: int
) -> web.Application:
    """`authenticate` is a zero-argument callable giving the Authenticate use case."""
    app = web.Application(
        client_max_size=max_body_bytes,
        middlewares=[
            logging_middleware,
            problem_middleware,
            auth_middleware(authenticate),
            validation_middleware,
        ],
    )
    for module in ROUTE_MODULES:
        app.add_routes(module.routes)
    spec = setup_aiohttp_apispec(
        app,
        title="Backtest API",
        version=version,
        url="/openapi.json",
        swagger_path="/docs",
        static_path="/static/swagger",
        openapi_version="3.0.2",
        in_place=True,
        info={"description": API_DESCRIPTION},
        components={
            "securitySchemes": {
                "bearerAuth": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}
            }
        },
    )
    spec.spec.components.schema("TradeCreate", schema=TradeCreateSchema)
    spec.spec.components.schema("Candles", schema=CandlesSchema)
    # apispec writes Decimal fields' bounds and defaults as Decimal, which JSON cannot hold.
    document = json.loads(json.dumps(spec.swagger_dict(), default=float))
    # aiohttp answers HEAD beside every GET; listing each twice only clutters the docs.
    for operations in document["paths"].values():
        operations.pop("head", None)
    app["swagger_dict"] = document
    app["_apispec_parser"] = ProblemParser()
    return app
