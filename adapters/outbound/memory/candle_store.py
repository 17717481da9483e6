"""InMemoryCandleStore: 1-minute bars held in lists, aggregated by the reference code."""

from __future__ import annotations

import bisect

from core.domain.aggregation import aggregate
from core.domain.candles import (
    CandleQuery,
    CandleSeries,
    SourceResolution,
    SymbolCoverage,
    from_ms,
)
from core.domain.errors import NotFound
from core.domain.timeframe import Timeframe
from core.domain.values import Symbol

Bar = tuple[int, float, float, float, float, float]
ONE_MINUTE = Timeframe.parse("1m")


class InMemoryCandleStore:
    """Holds bars per symbol; both layouts show the same bars."""

    def __init__(self) -> None:
        self._bars: dict[str, list[Bar]] = {}

    def add(self, symbol: str, bars: list[Bar]) -> None:
        """Adds bars (epoch ms, open, high, low, close, volume); a repeated minute is replaced."""
        merged = {bar[0]: bar for bar in self._bars.get(Symbol(symbol).value, [])}
        merged.update({bar[0]: bar for bar in bars})
        self._bars[Symbol(symbol).value] = sorted(merged.values())

    async def symbols(self, source: SourceResolution) -> list[SymbolCoverage]:
        return [self._coverage(s, source) for s in sorted(self._bars)]

    async def coverage(self, symbol: Symbol, source: SourceResolution) -> SymbolCoverage:
        if symbol.value not in self._bars:
            raise NotFound(f"no market data for symbol {symbol}")
        return self._coverage(symbol.value, source)

    async def candles(self, query: CandleQuery) -> CandleSeries:
        bars = self._bars.get(query.symbol.value)
        if bars is None:
            raise NotFound(f"no market data for symbol {query.symbol}")
        times = [bar[0] for bar in bars]
        chosen = bars[
            bisect.bisect_left(times, query.start_ms) : bisect.bisect_left(times, query.end_ms)
        ]
        columns = [list(column) for column in zip(*chosen, strict=True)] or [[]] * 6
        minutes = CandleSeries(query.symbol, ONE_MINUTE, *columns)
        series = aggregate(minutes, query.timeframe)
        return series if query.limit is None else series.slice(0, query.limit)

    def _coverage(self, symbol: str, source: SourceResolution) -> SymbolCoverage:
        days = sorted({from_ms(bar[0]).date() for bar in self._bars[symbol]})
        years = tuple(sorted({d.year for d in days}))
        if source == SourceResolution.DAILY:
            return SymbolCoverage(Symbol(symbol), source, years, tuple(days))
        return SymbolCoverage(Symbol(symbol), source, years)
