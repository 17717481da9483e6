"""The levels rollups are kept at, and which one serves a timeframe."""

from __future__ import annotations

from dataclasses import dataclass

from core.domain.candles import DAY_MS, MINUTE_MS, WEEK_ORIGIN_MS
from core.domain.timeframe import Timeframe


@dataclass(frozen=True)
class Level:
    """Bars of `minutes` minutes, epoch-aligned: their buckets never straddle a UTC day."""

    name: str
    minutes: int

    @property
    def width_ms(self) -> int:
        return self.minutes * MINUTE_MS

    @property
    def timeframe(self) -> Timeframe:
        return Timeframe.parse(self.name)

    def serves(self, timeframe: Timeframe) -> bool:
        """Whether every bucket of `timeframe` is a union of whole buckets of this level."""
        if timeframe.is_calendar_month:
            return DAY_MS % self.width_ms == 0  # months start at midnight
        width = (timeframe.minutes or 1) * MINUTE_MS
        origin = WEEK_ORIGIN_MS if str(timeframe) == "1w" else 0
        return width % self.width_ms == 0 and origin % self.width_ms == 0


FIVE_MINUTES = Level("5m", 5)
HOUR = Level("1h", 60)
DAY = Level("1d", 1440)
LEVELS = (DAY, HOUR, FIVE_MINUTES)  # coarsest first


def level_for(timeframe: Timeframe, levels: tuple[Level, ...] = LEVELS) -> Level | None:
    """The coarsest level that serves `timeframe`; None when only minutes do (1m, 7m, 90m)."""
    return next((level for level in levels if level.serves(timeframe)), None)
