"""Answering a candle request: from the response cache, or read, encoded and sent in a slot."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from adapters.inbound.http.ohlcv.encoders import ARROW, CSV, JSON, encoded_chunks
from adapters.inbound.http.ohlcv.gate import MarketDataGate
from adapters.inbound.http.ohlcv.response_cache import ResponseCache
from adapters.inbound.http.ohlcv.responses import respond, stream, whole
from core.domain.candles import SourceResolution
from core.domain.errors import RuleViolated
from core.use_cases.market_data.get_candles import CandlesRequest, GetCandles

_MEDIA = {"json": JSON, "csv": CSV, "arrow": ARROW}


@dataclass(frozen=True)
class CandleLimits:
    """Candles per answer (shared by its symbols), the size above which answers are streamed,
    and the gate that bounds concurrent market-data work in this process."""

    max_candles: int
    stream_above: int = 10_000
    gate: MarketDataGate = field(default_factory=MarketDataGate)


async def answer_candles(
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
        raise RuleViolated(f"limit is at most {limits.max_candles} candles per answer", "limit")
    fmt = params.get("format") or _from_accept(request.headers.get("Accept", ""))
    # Arrow keeps its own timestamp type: both time formats are the same answer there.
    time_format = "iso" if fmt == "arrow" else params["time_format"]
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
        # Tabular formats have nowhere to put a cursor per symbol: a page must hold everything.
        if fmt != "json" and len(symbols) > 1 and any(p.next_cursor for p in answer.pages):
            raise RuleViolated(
                "csv and arrow answers for several symbols must fit in one page; "
                f"more than {limit // len(symbols)} candles per symbol here: "
                "narrow the range, or ask for one symbol at a time and follow next_cursor",
                "end_date",
            )
        chunks = encoded_chunks(
            fmt, answer, params["source_resolution"], params["layout"], many, time_format
        )
        # One series continues in headers too; several continue one symbol at a time, each
        # from its own next_cursor in the JSON body.
        next_cursor = answer.pages[0].next_cursor if len(answer.pages) == 1 else None
        kind = (_MEDIA[fmt], answer.freshness, next_cursor)
        if sum(len(page.series) for page in answer.pages) > limits.stream_above:
            return await stream(request, chunks, kind, key, cache)
        # Encoding is CPU work: in a worker thread, mostly in numpy and Arrow kernels that
        # release the GIL, so the event loop keeps answering meanwhile.
        entry = await asyncio.to_thread(whole, chunks, kind)
    cache.put(key, entry)
    return await respond(request, entry, cache.live_ttl_seconds)


def _from_accept(accept: str) -> str:
    lowered = accept.lower()
    if ARROW in lowered:
        return "arrow"
    if CSV in lowered:
        return "csv"
    return "json"
