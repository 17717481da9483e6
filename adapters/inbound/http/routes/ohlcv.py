"""/api/v1/ohlcv: symbols, timeframes and candles, cached and negotiated."""

from __future__ import annotations

from typing import Any

from aiohttp import web
from aiohttp_apispec import querystring_schema, request_schema, response_schema
from dependency_injector.wiring import Provide, inject

from adapters.inbound.http import presenters
from adapters.inbound.http.ohlcv.answers import CandleLimits, answer_candles
from adapters.inbound.http.ohlcv.encoders import ARROW, CSV, JSON
from adapters.inbound.http.ohlcv.response_cache import ResponseCache
from adapters.inbound.http.ohlcv.symbols import coverage_json
from adapters.inbound.http.routes.openapi import operation, problems
from adapters.inbound.http.schemas.ohlcv import (
    RULES,
    CandlesBodySchema,
    CandlesQuerySchema,
    SymbolsQuerySchema,
    SymbolsSchema,
    TimeframesSchema,
)
from core.domain.candles import SourceResolution
from core.domain.timeframe import ALLOWED_FORMS, COMMON, Timeframe
from core.use_cases.market_data.get_candles import GetCandles
from core.use_cases.market_data.list_symbols import ListSymbols

__all__ = ["CandleLimits", "routes"]  # the container builds CandleLimits from the settings
routes = web.RouteTableDef()
TAG = "market data"

_CANDLE_RESPONSES: dict[str, Any] = {
    "200": {
        "description": "Candles. JSON by default; text/csv or an Arrow IPC stream on request.",
        "content": {
            JSON: {"schema": {"$ref": "#/components/schemas/Candles"}},
            CSV: {"schema": {"type": "string"}},
            ARROW: {"schema": {"type": "string", "format": "binary"}},
        },
        "headers": {
            "ETag": {"description": "Validator for If-None-Match.", "schema": {"type": "string"}},
            "Link": {
                "description": 'GET only: <url>; rel="next" to the next page of one symbol; '
                "absent on the last page.",
                "schema": {"type": "string"},
            },
            "X-Next-Cursor": {
                "description": "Cursor of the next page of one symbol (POST: send the body "
                "again with it); absent on the last page.",
                "schema": {"type": "string"},
            },
        },
    },
    "503": {
        "description": "Storage unreachable or too slow, or too many market-data requests at "
        "once; Retry-After says when to try again.",
        "content": {
            "application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}
        },
        "headers": {"Retry-After": {"schema": {"type": "integer"}}},
    },
    "304": {"description": "Not modified (If-None-Match matched the ETag)."},
}
# POST with `symbols` answers one page per symbol.
_MANY_CANDLE_RESPONSES: dict[str, Any] = {
    **_CANDLE_RESPONSES,
    "200": {
        **_CANDLE_RESPONSES["200"],
        "description": "Candles. With `symbols`: one page per symbol under `results` "
        "(JSON; CSV and Arrow when they fit one page).",
        "content": {
            **_CANDLE_RESPONSES["200"]["content"],
            JSON: {
                "schema": {
                    "oneOf": [
                        {"$ref": "#/components/schemas/Candles"},
                        {"$ref": "#/components/schemas/ManyCandles"},
                    ]
                }
            },
        },
    },
}


@routes.get("/api/v1/ohlcv/symbols")
@operation(TAG, "Stored symbols with the years (or days) they cover")
@querystring_schema(SymbolsQuerySchema, put_into="query")
@response_schema(SymbolsSchema, 200)
@problems(401, 422, 503)
@inject
async def list_symbols(
    request: web.Request,
    list_: ListSymbols = Provide["list_symbols"],
    limits: CandleLimits = Provide["candle_limits"],
) -> web.Response:
    source = SourceResolution(request["query"]["source_resolution"])
    # Listing a bucket and reading file footers is storage work too: same slots, same deadline.
    async with limits.gate.slot():
        coverages = await limits.gate.within_deadline(list_(source))
    return presenters.json_response(
        {"source_resolution": source.value, "symbols": [coverage_json(c) for c in coverages]}
    )


@routes.get("/api/v1/ohlcv/timeframes")
@operation(TAG, "Supported timeframes and the aggregation rules")
@response_schema(TimeframesSchema, 200)
@problems(401)
async def list_timeframes(request: web.Request) -> web.Response:
    return presenters.json_response(
        {
            "timeframes": [
                {
                    "timeframe": text,
                    "seconds": (Timeframe.parse(text).minutes or 0) * 60 or None,
                    "description": _describe(Timeframe.parse(text)),
                }
                for text in COMMON
            ],
            "accepted": ALLOWED_FORMS,
            "rules": RULES,
        }
    )


@routes.get("/api/v1/ohlcv/data")
@operation(
    TAG, "Candles of one symbol at any timeframe", description=RULES, responses=_CANDLE_RESPONSES
)
@querystring_schema(CandlesQuerySchema, put_into="query")
@problems(401, 404, 422, 503)
@inject
async def candles_by_query(
    request: web.Request,
    get: GetCandles = Provide["get_candles"],
    cache: ResponseCache = Provide["ohlcv_cache"],
    limits: CandleLimits = Provide["candle_limits"],
) -> web.StreamResponse:
    params = request["query"]
    return await answer_candles(request, params, (params["symbol"],), False, get, cache, limits)


@routes.post("/api/v1/ohlcv/data")
@operation(
    TAG,
    "Candles of one or more symbols (fields as the GET form, in a JSON body)",
    description=RULES,
    responses=_MANY_CANDLE_RESPONSES,
)
@request_schema(CandlesBodySchema, put_into="body")
@problems(400, 401, 404, 413, 422, 503)
@inject
async def candles_by_body(
    request: web.Request,
    get: GetCandles = Provide["get_candles"],
    cache: ResponseCache = Provide["ohlcv_cache"],
    limits: CandleLimits = Provide["candle_limits"],
) -> web.StreamResponse:
    body = request["body"]
    many = "symbols" in body
    symbols = tuple(body["symbols"]) if many else (body["symbol"],)
    return await answer_candles(request, body, symbols, many, get, cache, limits)


def _describe(timeframe: Timeframe) -> str:
    if timeframe.is_calendar_month:
        return "calendar month, starting on the 1st at 00:00 UTC"
    if str(timeframe) == "1w":
        return "week starting Monday 00:00 UTC"
    return f"{timeframe.minutes} minute(s), aligned to the Unix epoch"
