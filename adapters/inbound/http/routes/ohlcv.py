"""/api/v1/ohlcv: symbols, timeframes and candles, cached and negotiated."""

from __future__ import annotations

from collections.abc import Hashable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from aiohttp import web
from aiohttp_apispec import querystring_schema, request_schema, response_schema
from dependency_injector.wiring import Provide, inject

from adapters.inbound.http import presenters
from adapters.inbound.http.ohlcv.encoders import (
    ARROW,
    CSV,
    JSON,
    arrow_chunks,
    csv_chunks,
    json_chunks,
)
from adapters.inbound.http.ohlcv.response_cache import CachedResponse, ResponseCache
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
from core.use_cases.market_data.freshness import Freshness
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
        {
            "source_resolution": source.value,
            "symbols": [
                {
                    "symbol": str(c.symbol),
                    "years": list(c.years),
                    "first_date": c.first_day,
                    "last_date": c.last_day,
                }
                for c in coverages
            ],
        }
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
        if fmt == "csv":
            chunks = csv_chunks(answer, many)
        elif fmt == "arrow":
            chunks = arrow_chunks(answer, many)
        else:
            chunks = json_chunks(answer, params["source_resolution"], params["layout"], many)
        if sum(len(page.series) for page in answer.pages) > limits.stream_above:
            return await _stream(request, chunks, _MEDIA[fmt], answer.freshness, key, cache)
        entry = CachedResponse.of(b"".join(chunks), _MEDIA[fmt], answer.freshness)
        cache.put(key, entry)
    return _respond(request, entry, cache.live_ttl_seconds)


async def _stream(
    request: web.Request,
    chunks: Iterator[bytes],
    content_type: str,
    freshness: Freshness,
    key: Hashable,
    cache: ResponseCache,
) -> web.StreamResponse:
    """Sends a large answer while it is encoded, yielding to the loop between pieces.

    Its ETag is not known before the body, so this first answer has none; the body is kept
    in the response cache, and the next identical request gets it with an ETag.
    """
    response = web.StreamResponse(headers=_cache_headers(freshness, cache.live_ttl_seconds))
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
    cache.put(key, CachedResponse.of(b"".join(sent), content_type, freshness))
    return response


def _cache_headers(freshness: Freshness, live_ttl: float) -> dict[str, str]:
    return {
        "Cache-Control": "private, max-age=31536000, immutable"
        if freshness is Freshness.IMMUTABLE
        else f"private, max-age={int(live_ttl)}",
        "Vary": "Accept, Authorization",
    }


def _respond(request: web.Request, entry: CachedResponse, live_ttl: float) -> web.Response:
    headers = {"ETag": entry.etag, **_cache_headers(entry.freshness, live_ttl)}
    if entry.etag in _etags(request.headers.get("If-None-Match", "")):
        return web.Response(status=304, headers=headers)
    return web.Response(body=entry.body, content_type=entry.content_type, headers=headers)


def _etags(header: str) -> set[str]:
    return {tag.strip().removeprefix("W/") for tag in header.split(",") if tag.strip()}


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
