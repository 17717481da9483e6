"""InMemoryCandleStore: 1-minute bars held in lists, aggregated by the reference code."""

from __future__ import annotations

import bisect
from datetime import date, timedelta

from core.domain.aggregation import aggregate
from core.domain.candles import (
    DAY_MS,
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
EPOCH_DAY = date(1970, 1, 1)


class InMemoryCandleStore:
    """Holds bars per symbol; both layouts show the same bars."""

    def __init__(self) -> None:
        self._bars: dict[str, list[Bar]] = {}
        self._times: dict[str, list[int]] = {}

    def add(self, symbol: str, bars: list[Bar]) -> None:
        """Adds bars (epoch ms, open, high, low, close, volume); a repeated minute is replaced."""
        name = Symbol(symbol).value
        merged = {bar[0]: bar for bar in self._bars.get(name, [])}
        merged.update({bar[0]: bar for bar in bars})
        self._bars[name] = sorted(merged.values())
        self._times[name] = [bar[0] for bar in self._bars[name]]

    async def symbols(self, source: SourceResolution) -> list[SymbolCoverage]:
        return [self._coverage(s, source) for s in sorted(self._bars)]

    async def candles(self, query: CandleQuery) -> CandleSeries:
        bars = self._bars.get(query.symbol.value)
        if bars is None:
            raise NotFound(f"no market data for symbol {query.symbol}")
        times = self._times[query.symbol.value]
        chosen = bars[
            bisect.bisect_left(times, query.start_ms) : bisect.bisect_left(times, query.end_ms)
        ]
        columns = [list(column) for column in zip(*chosen, strict=True)] or [[]] * 6
        minutes = CandleSeries(query.symbol, ONE_MINUTE, *columns)
        series = aggregate(minutes, query.timeframe)
        return series if query.limit is None else series.slice(0, query.limit)

    async def bars(self, query: CandleQuery) -> CandleSeries:
        return await self.candles(query)

    def _coverage(self, symbol: str, source: SourceResolution) -> SymbolCoverage:
        times = self._times[symbol]
        day_numbers = sorted({t // DAY_MS for t in times})
        days = tuple(EPOCH_DAY + timedelta(days=n) for n in day_numbers)
        years = tuple(sorted({d.year for d in days}))
        return SymbolCoverage(
            Symbol(symbol),
            source,
            years,
            days if source == SourceResolution.DAILY else (),
            from_ms(times[0]) if times else None,
            from_ms(times[-1]) if times else None,
        )
