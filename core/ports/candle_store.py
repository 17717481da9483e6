"""CandleStore: where 1-minute bars live, and how they are read at any timeframe."""

from __future__ import annotations

from typing import Protocol

from core.domain.candles import CandleQuery, CandleSeries, SourceResolution, SymbolCoverage


class CandleStore(Protocol):
    """Reads stored 1-minute bars, aggregated on the fly by the rules in core.domain.candles.

    Raises NotFound for an unknown symbol, Unavailable when storage cannot be reached and
    BadMarketData (naming the file) when a stored file does not fit the schema.
    """

    async def symbols(self, source: SourceResolution) -> list[SymbolCoverage]:
        """Every stored symbol with its coverage, ordered by symbol."""
        ...

    async def candles(self, query: CandleQuery) -> CandleSeries:
        """The bars of the query, oldest first; an empty series when none are stored."""
        ...

    async def bars(self, query: CandleQuery) -> CandleSeries:
        """The same bars for computation (a run): the columns may be arrays exposing their
        buffer (float64, int64 times) rather than lists, which saves building Python objects
        for every value. See core.domain.columns."""
        ...
