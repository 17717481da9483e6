"""Bars: the columnar OHLCV input of a simulation."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from core.domain.candles import CandleSeries
from core.domain.errors import RuleViolated


@dataclass(frozen=True, slots=True)
class Bars:
    """OHLCV columns; `times` are epoch milliseconds (UTC), ascending.

    Columns are any `Sequence` (lists from the core, numpy arrays from adapters), so an
    adapter can hand over its arrays without copying.
    """

    times: Sequence[int]
    open: Sequence[float]
    high: Sequence[float]
    low: Sequence[float]
    close: Sequence[float]
    volume: Sequence[float]

    def __post_init__(self) -> None:
        count = len(self.times)
        columns = (self.open, self.high, self.low, self.close, self.volume)
        if any(len(column) != count for column in columns):
            raise RuleViolated("bar columns must have the same length", "bars")

    def __len__(self) -> int:
        return len(self.times)

    @classmethod
    def from_series(cls, series: CandleSeries) -> Bars:
        return cls(series.times, series.open, series.high, series.low, series.close, series.volume)
