"""Candles: OHLCV bars of one symbol, and the questions asked of the market-data store.

Aggregation rules (the API's contract): each bar is labelled with the start of its bucket;
buckets are left-closed and in UTC; minute, hour and day multiples are aligned to the Unix
epoch (so days start at midnight UTC), weeks start on Monday 00:00 UTC, 1M is the calendar
month. open = first open, high = max, low = min, close = last close, volume = sum. A bucket
with no 1-minute bar is not emitted: no candle is invented.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum

from core.domain.errors import RuleViolated
from core.domain.timeframe import Timeframe
from core.domain.values import EARLIEST, LATEST, SUPPORTED_DATES, Symbol

MINUTE_MS = 60_000
DAY_MS = 86_400_000
# 1970-01-01 was a Thursday; the first Monday is four days later.
WEEK_ORIGIN_MS = 4 * DAY_MS
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


class SourceResolution(StrEnum):
    """Which stored layout to read: yearly files (default) or the legacy daily folders."""

    YEARLY = "1Y"
    DAILY = "1m"


@dataclass(frozen=True, slots=True)
class CandleQuery:
    """Candles of `symbol` from `start` (inclusive) to `end` (exclusive), at `timeframe`."""

    symbol: Symbol
    start: datetime
    end: datetime
    timeframe: Timeframe
    source: SourceResolution = SourceResolution.YEARLY
    # At most this many candles, the earliest first; None for all of them.
    limit: int | None = None

    def __post_init__(self) -> None:
        if self.start.tzinfo is None or self.end.tzinfo is None:
            raise RuleViolated("start and end must carry a time zone", "start_date")
        if self.start < EARLIEST:
            raise RuleViolated(f"start_date must be {SUPPORTED_DATES}", "start_date")
        if self.end > LATEST:
            raise RuleViolated(f"end_date must be {SUPPORTED_DATES}", "end_date")
        if self.end <= self.start:
            raise RuleViolated("end_date must not be before start_date", "end_date")
        if self.limit is not None and self.limit < 1:
            raise RuleViolated("limit must be at least 1", "limit")

    @property
    def start_ms(self) -> int:
        return to_ms(self.start)

    @property
    def end_ms(self) -> int:
        return to_ms(self.end)


@dataclass(frozen=True, slots=True)
class CandleSeries:
    """Columnar bars: `times` are bucket starts in epoch milliseconds (UTC), ascending."""

    symbol: Symbol
    timeframe: Timeframe
    times: Sequence[int] = ()
    open: Sequence[float] = ()
    high: Sequence[float] = ()
    low: Sequence[float] = ()
    close: Sequence[float] = ()
    volume: Sequence[float] = ()

    def __len__(self) -> int:
        return len(self.times)

    def rows(self) -> list[tuple[int, float, float, float, float, float]]:
        return list(
            zip(self.times, self.open, self.high, self.low, self.close, self.volume, strict=True)
        )

    def slice(self, start: int, stop: int) -> CandleSeries:
        return CandleSeries(
            self.symbol,
            self.timeframe,
            self.times[start:stop],
            self.open[start:stop],
            self.high[start:stop],
            self.low[start:stop],
            self.close[start:stop],
            self.volume[start:stop],
        )


@dataclass(frozen=True, slots=True)
class SymbolCoverage:
    """What is stored for one symbol in one layout: its years, and its days when daily.

    `first` and `last` are the times of its earliest and latest 1-minute bar (None when no
    stored file tells); `first_day` and `last_day` only span the stored periods.
    """

    symbol: Symbol
    source: SourceResolution
    years: tuple[int, ...]
    days: tuple[date, ...] = field(default=(), repr=False)
    first: datetime | None = None
    last: datetime | None = None

    @property
    def first_day(self) -> date | None:
        if self.days:
            return self.days[0]
        return date(self.years[0], 1, 1) if self.years else None

    @property
    def last_day(self) -> date | None:
        if self.days:
            return self.days[-1]
        return date(self.years[-1], 12, 31) if self.years else None


def to_ms(moment: datetime) -> int:
    """Exact integer milliseconds since the epoch (no float rounding)."""
    return (moment - EPOCH) // timedelta(milliseconds=1)


def from_ms(ms: int) -> datetime:
    return datetime.fromtimestamp(ms / 1000, UTC)


def in_supported_range(ms: int) -> bool:
    """Whether epoch milliseconds fall in the calendar the API accepts (core.domain.values)."""
    return to_ms(EARLIEST) <= ms < to_ms(LATEST)


def bucket_start(ms: int, timeframe: Timeframe) -> int:
    """The start of the bucket that holds the minute at `ms`, by the rules above."""
    if timeframe.is_calendar_month:
        moment = from_ms(ms)
        return to_ms(datetime(moment.year, moment.month, 1, tzinfo=UTC))
    width = (timeframe.minutes or 1) * MINUTE_MS
    origin = WEEK_ORIGIN_MS if str(timeframe) == "1w" else 0
    return (ms - origin) // width * width + origin
