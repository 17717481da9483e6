"""How much one candle answer may hold, and how much market-data work runs at once."""

from __future__ import annotations

from dataclasses import dataclass, field

from adapters.inbound.http.ohlcv.gate import MarketDataGate
from core.domain.errors import RuleViolated


@dataclass(frozen=True)
class CandleLimits:
    """Candles per answer (shared by its symbols), the size above which answers are streamed,
    and the gate that bounds concurrent market-data work in this process."""

    max_candles: int
    stream_above: int = 10_000
    gate: MarketDataGate = field(default_factory=MarketDataGate)

    def budget(self, asked: int | None) -> int:
        """The answer's candle budget: what was asked, or the server's maximum."""
        if asked is None:
            return self.max_candles
        if asked > self.max_candles:
            raise RuleViolated(f"limit is at most {self.max_candles} candles per answer", "limit")
        return asked
