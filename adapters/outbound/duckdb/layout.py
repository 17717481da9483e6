"""Where bars are stored: key names of the yearly and the legacy daily layouts."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from core.domain.candles import CandleQuery, SourceResolution

PREFIX = {SourceResolution.YEARLY: "ohlcv/1Y/", SourceResolution.DAILY: "ohlcv/1m/"}
_YEARLY = re.compile(r"^ohlcv/1Y/symbol=([^/]+)/year=(\d{4})/[^/]+\.parquet$")
_DAILY = re.compile(r"^ohlcv/1m/symbol=([^/]+)/date=(\d{4}-\d{2}-\d{2})/[^/]+\.parquet$")

Period = int | date


def yearly_key(symbol: str, year: int) -> str:
    return f"ohlcv/1Y/symbol={symbol}/year={year}/{symbol}_{year}.parquet"


def periods_touched(query: CandleQuery) -> tuple[Period, Period]:
    """The first and last year (or day, for the daily layout) the query's range touches."""
    first = query.start.astimezone(UTC)
    last = datetime.fromtimestamp((query.end_ms - 1) / 1000, UTC)
    if query.source == SourceResolution.YEARLY:
        return first.year, last.year
    return first.date(), last.date()


def daily_key(symbol: str, day: date, name: str = "part-0.parquet") -> str:
    return f"ohlcv/1m/symbol={symbol}/date={day.isoformat()}/{name}"


@dataclass
class Listing:
    """The stored files of one layout: symbol -> period (a year or a day) -> keys.

    `versions` tells each key's version (size and mtime, or ETag); keys that do not fit the
    layout's naming are left out.
    """

    source: SourceResolution
    files: dict[str, dict[Period, list[str]]] = field(default_factory=dict)
    versions: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_files(cls, source: SourceResolution, found: Mapping[str, str]) -> Listing:
        pattern = _YEARLY if source == SourceResolution.YEARLY else _DAILY
        files: dict[str, dict[Period, list[str]]] = defaultdict(lambda: defaultdict(list))
        for key in found:
            match = pattern.match(key)
            if not match:
                continue
            symbol, period = match.groups()
            parsed: Period
            try:
                parsed = (
                    int(period) if source == SourceResolution.YEARLY else date.fromisoformat(period)
                )
            except ValueError:
                continue
            files[symbol.upper()][parsed].append(key)
        return cls(
            source,
            {s: {p: sorted(k) for p, k in v.items()} for s, v in files.items()},
            dict(found),
        )

    def keys_between(self, symbol: str, first: Period, last: Period) -> list[str]:
        """The keys of `symbol` from period `first` to `last` (inclusive), in period order."""
        stored = self.files.get(symbol, {})
        chosen = sorted(p for p in stored if first <= p <= last)  # type: ignore[operator]
        return [key for period in chosen for key in stored[period]]
