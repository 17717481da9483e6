"""/api/v1/ohlcv: symbols, timeframes and candles (answered by adapters/inbound/http/ohlcv)."""

from __future__ import annotations

from aiohttp import web
from aiohttp_apispec import querystring_schema, request_schema, response_schema
from dependency_injector.wiring import Provide, inject

from adapters.inbound.http import presenters
from adapters.inbound.http.ohlcv.answers import answer_candles
from adapters.inbound.http.ohlcv.candle_docs import CANDLE_RESPONSES, MANY_CANDLE_RESPONSES
from adapters.inbound.http.ohlcv.limits import CandleLimits
from adapters.inbound.http.ohlcv.response_cache import ResponseCache
from adapters.inbound.http.ohlcv.symbols import coverage_json
from adapters.inbound.http.ohlcv.timeframes import timeframes_json
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
from core.use_cases.market_data.get_candles import GetCandles
from core.use_cases.market_data.list_symbols import ListSymbols

routes = web.RouteTableDef()
TAG = "market data"


@routes.get("/api/v1/ohlcv/symbols")
@operation(TAG, "Stored symbols with the years (or days) they cover")
@querystring_schema(SymbolsQuerySchema, put_into="query")
@response_schema(SymbolsSchema, 200)
@problems(401, 422, 503)
@inject
async def list_symbols(
    request: web.Request,
    list_: ListSymbols = Provide["use_cases.list_symbols"],
    limits: CandleLimits = Provide["market_data.candle_limits"],
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
    return presenters.json_response(timeframes_json(RULES))


@routes.get("/api/v1/ohlcv/data")
@operation(
    TAG, "Candles of one symbol at any timeframe", description=RULES, responses=CANDLE_RESPONSES
)
@querystring_schema(CandlesQuerySchema, put_into="query")
@problems(401, 404, 422, 503)
@inject
async def candles_by_query(
    request: web.Request,
    get: GetCandles = Provide["use_cases.get_candles"],
    cache: ResponseCache = Provide["market_data.ohlcv_cache"],
    limits: CandleLimits = Provide["market_data.candle_limits"],
) -> web.StreamResponse:
    params = request["query"]
    return await answer_candles(request, params, (params["symbol"],), False, get, cache, limits)


@routes.post("/api/v1/ohlcv/data")
@operation(
    TAG,
    "Candles of one or more symbols (fields as the GET form, in a JSON body)",
    description=RULES,
    responses=MANY_CANDLE_RESPONSES,
)
@request_schema(CandlesBodySchema, put_into="body")
@problems(400, 401, 404, 413, 422, 503)
@inject
async def candles_by_body(
    request: web.Request,
    get: GetCandles = Provide["use_cases.get_candles"],
    cache: ResponseCache = Provide["market_data.ohlcv_cache"],
    limits: CandleLimits = Provide["market_data.candle_limits"],
) -> web.StreamResponse:
    body = request["body"]
    many = "symbols" in body
    symbols = tuple(body["symbols"]) if many else (body["symbol"],)
    return await answer_candles(request, body, symbols, many, get, cache, limits)
