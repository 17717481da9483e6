"""GetCandles: one page of candles for one or more symbols, with how long it stays true."""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass, replace
from datetime import datetime

from core.domain.candles import CandleQuery, CandleSeries, SourceResolution, from_ms
from core.domain.errors import RuleViolated
from core.domain.timeframe import Timeframe
from core.domain.values import Symbol
from core.ports.candle_store import CandleStore
from core.ports.clock import Clock
from core.use_cases.market_data.freshness import Freshness, freshness_of

MAX_SYMBOLS = 20


@dataclass(frozen=True, slots=True)
class CandlesRequest:
    symbols: tuple[str, ...]
    start: datetime
    end: datetime
    timeframe: str
    source: SourceResolution = SourceResolution.YEARLY
    limit: int = 50_000
    cursor: str | None = None


@dataclass(frozen=True, slots=True)
class CandlePage:
    """One symbol's page; `next_cursor` continues where it stopped, None at the end."""

    series: CandleSeries
    next_cursor: str | None


@dataclass(frozen=True, slots=True)
class CandlesAnswer:
    pages: list[CandlePage]
    timeframe: Timeframe
    start: datetime
    end: datetime
    freshness: Freshness


class GetCandles:
    """Reads `limit` candles per symbol at most; a cursor resumes one symbol's series."""

    def __init__(self, store: CandleStore, clock: Clock) -> None:
        self._store = store
        self._clock = clock

    async def __call__(self, request: CandlesRequest) -> CandlesAnswer:
        symbols = [Symbol(s) for s in request.symbols]
        if not symbols or len(symbols) > MAX_SYMBOLS:
            raise RuleViolated(f"ask for 1 to {MAX_SYMBOLS} symbols", "symbols")
        if request.cursor is not None and len(symbols) != 1:
            raise RuleViolated("a cursor continues one symbol's series", "cursor")
        base = CandleQuery(
            symbols[0],
            request.start,
            request.end,
            Timeframe.parse(request.timeframe),
            request.source,
            request.limit + 1,
        )
        if request.cursor is not None:
            base = replace(base, start=max(request.start, from_ms(decode_cursor(request.cursor))))
        pages = []
        for symbol in symbols:
            series = await self._store.candles(replace(base, symbol=symbol))
            more = len(series) > request.limit
            pages.append(
                CandlePage(
                    series.slice(0, request.limit) if more else series,
                    encode_cursor(series.times[request.limit]) if more else None,
                )
            )
        return CandlesAnswer(
            pages,
            base.timeframe,
            request.start,
            request.end,
            freshness_of(request.end, self._clock.now()),
        )


def encode_cursor(start_ms: int) -> str:
    return base64.urlsafe_b64encode(f"c{start_ms}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> int:
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        if not text.startswith("c"):
            raise ValueError(text)
        return int(text[1:])
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise RuleViolated("cursor is not one this API returned", "cursor") from None
