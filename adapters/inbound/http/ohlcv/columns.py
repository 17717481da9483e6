"""One page of candles as numpy columns: what every encoder reads.

The DuckDB store hands numpy arrays (views of Arrow buffers), which pass through untouched;
the in-memory twin hands lists, converted once here.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from core.domain.candles import CandleSeries

FIELDS = ("open", "high", "low", "close", "volume")


@dataclass(frozen=True, slots=True)
class Columns:
    """`times` in epoch milliseconds (int64), `values` the float64 FIELDS in order."""

    symbol: str
    times: np.ndarray
    values: tuple[np.ndarray, ...]

    @classmethod
    def of(cls, series: CandleSeries) -> Columns:
        return cls(
            str(series.symbol),
            np.asarray(series.times, np.int64),
            tuple(np.asarray(getattr(series, name), np.float64) for name in FIELDS),
        )

    def __len__(self) -> int:
        return len(self.times)

    def slice(self, start: int, stop: int) -> Columns:
        return Columns(
            self.symbol, self.times[start:stop], tuple(v[start:stop] for v in self.values)
        )

    def pieces(self, rows: int) -> list[Columns]:
        """Consecutive slices of at most `rows` candles (none for an empty page)."""
        return [self.slice(start, start + rows) for start in range(0, len(self), rows)]
