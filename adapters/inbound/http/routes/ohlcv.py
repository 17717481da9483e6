"""/api/v1/ohlcv: symbols, timeframes and candles, cached and negotiated."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from aiohttp import web
from aiohttp_apispec import querystring_schema, request_schema, response_schema
from dependency_injector.wiring import Provide, inject

from adapters.inbound.http import presenters
from adapters.inbound.http.ohlcv.encoders import ARROW, CSV, JSON, encoded_chunks
from adapters.inbound.http.ohlcv.response_cache import CachedResponse, ResponseCache
from adapters.inbound.http.ohlcv.responses import respond, stream
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
from core.domain.errors import RuleViolated
from core.domain.timeframe import ALLOWED_FORMS, COMMON, Timeframe
from core.use_cases.market_data.get_candles import CandlesRequest, GetCandles
from core.use_cases.market_data.list_symbols import ListSymbols

routes = web.RouteTableDef()
TAG = "market data"


@dataclass(frozen=True)
class CandleLimits:
    """Candles per symbol per response, and the size above which answers are streamed."""

    max_candles: int
    stream_above: int = 10_000


_MEDIA = {"json": JSON, "csv": CSV, "arrow": ARROW}
_CANDLE_RESPONSES = {
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
    "304": {"description": "Not modified (If-None-Match matched the ETag)."},
}


@routes.get("/api/v1/ohlcv/symbols")
@operation(TAG, "Stored symbols with the years (or days) they cover")
@querystring_schema(SymbolsQuerySchema, put_into="query")
@response_schema(SymbolsSchema, 200)
@problems(401, 422, 503)
@inject
async def list_symbols(
    request: web.Request, list_: ListSymbols = Provide["list_symbols"]
) -> web.Response:
    source = SourceResolution(request["query"]["source_resolution"])
    coverages = await list_(source)
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
    return await _answer(request, params, (params["symbol"],), False, get, cache, limits)


@routes.post("/api/v1/ohlcv/data")
@operation(
    TAG,
    "Candles of one or more symbols (fields as the GET form, in a JSON body)",
    description=RULES,
    responses=_CANDLE_RESPONSES,
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
    return await _answer(request, body, symbols, many, get, cache, limits)


async def _answer(
    request: web.Request,
    params: Mapping[str, Any],
    symbols: tuple[str, ...],
    many: bool,
    get: GetCandles,
    cache: ResponseCache,
    limits: CandleLimits,
) -> web.StreamResponse:
    limit = params.get("limit") or limits.max_candles
    if limit > limits.max_candles:
        raise RuleViolated(f"limit is at most {limits.max_candles} candles per symbol", "limit")
    fmt = params.get("format") or _from_accept(request.headers.get("Accept", ""))
    # Arrow keeps its own timestamp type: both time formats are the same answer there.
    time_format = "iso" if fmt == "arrow" else params["time_format"]
    # Tabular formats have nowhere to put a cursor per symbol: a page must hold everything.
    one_page_only = fmt != "json" and len(symbols) > 1
    key = (
        tuple(s.upper() for s in symbols),
        params["start_date"],
        params["end_date"],
        params["timeframe"],
        params["source_resolution"],
        fmt,
        params["layout"],
        time_format,
        limit,
        params.get("cursor"),
        many,
    )
    entry = cache.get(key)
    if entry is None:
        answer = await get(
            CandlesRequest(
                symbols,
                params["start_date"],
                params["end_date"],
                params["timeframe"],
                SourceResolution(params["source_resolution"]),
                limit,
                params.get("cursor"),
            )
        )
        if one_page_only and any(page.next_cursor for page in answer.pages):
            raise RuleViolated(
                "csv and arrow answers for several symbols must fit in one page; "
                f"more than {limit} candles per symbol here: "
                "narrow the range, or ask for one symbol at a time and follow next_cursor",
                "end_date",
            )
        chunks = encoded_chunks(
            fmt, answer, params["source_resolution"], params["layout"], many, time_format
        )
        # One series continues in headers too; several continue one symbol at a time, each
        # from its own next_cursor in the JSON body.
        next_cursor = answer.pages[0].next_cursor if len(answer.pages) == 1 else None
        if sum(len(page.series) for page in answer.pages) > limits.stream_above:
            kind = (_MEDIA[fmt], answer.freshness, next_cursor)
            return await stream(request, chunks, kind, key, cache)
        entry = CachedResponse.of(b"".join(chunks), _MEDIA[fmt], answer.freshness, next_cursor)
        cache.put(key, entry)
    return respond(request, entry, cache.live_ttl_seconds)


def _from_accept(accept: str) -> str:
    lowered = accept.lower()
    if ARROW in lowered:
        return "arrow"
    if CSV in lowered:
        return "csv"
    return "json"


def _describe(timeframe: Timeframe) -> str:
    if timeframe.is_calendar_month:
        return "calendar month, starting on the 1st at 00:00 UTC"
    if str(timeframe) == "1w":
        return "week starting Monday 00:00 UTC"
    return f"{timeframe.minutes} minute(s), aligned to the Unix epoch"
