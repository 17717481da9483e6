"""Answering a candle request: from the response cache, or read, encoded and sent in a slot."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from typing import Any

from aiohttp import web

from adapters.inbound.http.ohlcv.cache_keys import answer_key
from adapters.inbound.http.ohlcv.encoders import encoded_chunks
from adapters.inbound.http.ohlcv.limits import CandleLimits
from adapters.inbound.http.ohlcv.negotiation import negotiate
from adapters.inbound.http.ohlcv.response_cache import ResponseCache
from adapters.inbound.http.ohlcv.responses import respond, stream, whole
from adapters.inbound.http.ohlcv.whole_pages import require_whole_pages
from core.domain.candles import SourceResolution
from core.use_cases.market_data.get_candles import CandlesRequest, GetCandles


async def answer_candles(
    request: web.Request,
    params: Mapping[str, Any],
    symbols: tuple[str, ...],
    many: bool,
    get: GetCandles,
    cache: ResponseCache,
    limits: CandleLimits,
) -> web.StreamResponse:
    limit = limits.budget(params.get("limit"))
    representation = negotiate(params, request.headers.get("Accept", ""))
    key = answer_key(symbols, params, representation, limit, many)
    entry = cache.get(key)
    if entry is not None:
        return await respond(request, entry, cache.live_ttl_seconds)
    # Reading, encoding and (for large answers) sending hold a slot: that is where memory goes.
    async with limits.gate.slot():
        answer = await limits.gate.within_deadline(
            get(
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
        )
        require_whole_pages(representation, answer, len(symbols), limit)
        chunks = encoded_chunks(
            representation.fmt,
            answer,
            params["source_resolution"],
            representation.layout,
            many,
            representation.time_format,
        )
        # One series continues in headers too; several continue one symbol at a time, each
        # from its own next_cursor in the JSON body.
        next_cursor = answer.pages[0].next_cursor if len(answer.pages) == 1 else None
        kind = (representation.media_type, answer.freshness, next_cursor)
        if sum(len(page.series) for page in answer.pages) > limits.stream_above:
            return await stream(request, chunks, kind, key, cache, limits.encoders)
        # Encoding is CPU work: in a worker thread, mostly in numpy and Arrow kernels that
        # release the GIL, so the event loop keeps answering meanwhile.
        loop = asyncio.get_running_loop()
        entry = await loop.run_in_executor(limits.encoders, whole, chunks, kind)
    cache.put(key, entry)
    return await respond(request, entry, cache.live_ttl_seconds)
