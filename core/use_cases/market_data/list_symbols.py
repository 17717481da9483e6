"""ListSymbols: what the store holds, per symbol."""

from __future__ import annotations

from core.domain.candles import SourceResolution, SymbolCoverage
from core.ports.candle_store import CandleStore


class ListSymbols:
    """Every symbol with the years (or days, for the daily layout) it covers."""

    def __init__(self, store: CandleStore) -> None:
        self._store = store

    async def __call__(self, source: SourceResolution) -> list[SymbolCoverage]:
        return await self._store.symbols(source)
