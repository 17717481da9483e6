"""GetCandles: one page of candles for one or more symbols, with how long it stays true."""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass, replace
from datetime import datetime

from core.domain.candles import (
    CandleQuery,
    CandleSeries,
    SourceResolution,
    from_ms,
    in_supported_range,
)
from core.domain.errors import RuleViolated
from core.domain.timeframe import Timeframe
from core.domain.values import Symbol
from core.ports.candle_store import CandleStore
from core.ports.clock import Clock
from core.use_cases.market_data.freshness import Freshness, freshness_of

# One answer reads at most this many series: the work a request asks for stays bounded.
MAX_SYMBOLS = 10


@dataclass(frozen=True, slots=True)
class CandlesRequest:
    """`limit` is the candle budget of the whole answer, shared evenly by the symbols."""

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


def distinct_symbols(names: tuple[str, ...]) -> list[Symbol]:
    """1 to MAX_SYMBOLS symbols, none twice (BTC and btc are the same symbol)."""
    symbols = [Symbol(name) for name in names]
    if not symbols or len(symbols) > MAX_SYMBOLS:
        raise RuleViolated(f"ask for 1 to {MAX_SYMBOLS} symbols", "symbols")
    if len(set(symbols)) != len(symbols):
        raise RuleViolated("each symbol may be asked for once", "symbols")
    return symbols


def share_per_symbol(budget: int, symbols: int) -> int:
    """Each symbol's part of the answer's candle budget."""
    share = budget // symbols
    if share < 1:
        raise RuleViolated(f"limit must be at least the number of symbols ({symbols})", "limit")
    return share


class GetCandles:
    """Reads at most `limit` candles in all, split evenly across the symbols.

    Each symbol whose series goes on gets its own cursor, which continues that one symbol.
    """

    def __init__(self, store: CandleStore, clock: Clock) -> None:
        self._store = store
        self._clock = clock

    async def __call__(self, request: CandlesRequest) -> CandlesAnswer:
        symbols = distinct_symbols(request.symbols)
        if request.cursor is not None and len(symbols) != 1:
            raise RuleViolated("a cursor continues one symbol's series", "cursor")
        share = share_per_symbol(request.limit, len(symbols))
        base = CandleQuery(
            symbols[0],
            request.start,
            request.end,
            Timeframe.parse(request.timeframe),
            request.source,
            share + 1,
        )
        if request.cursor is not None:
            base = replace(base, start=max(request.start, from_ms(decode_cursor(request.cursor))))
        pages = []
        for symbol in symbols:
            # Columns (arrays where the store has them): encoders read them without a
            # Python object per value.
            series = await self._store.bars(replace(base, symbol=symbol))
            more = len(series) > share
            pages.append(
                CandlePage(
                    series.slice(0, share) if more else series,
                    encode_cursor(int(series.times[share])) if more else None,
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
    """The start of the next candle; only times in the supported calendar can be one."""
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        if not text.startswith("c"):
            raise ValueError(text)
        start_ms = int(text[1:])
    except (ValueError, binascii.Error):
        raise RuleViolated("cursor is not one this API returned", "cursor") from None
    if not in_supported_range(start_ms):
        raise RuleViolated("cursor is not one this API returned", "cursor")
    return start_ms
