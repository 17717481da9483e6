"""Where bars are stored: key names of the yearly and the legacy daily layouts."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from core.domain.candles import EPOCH, CandleQuery, SourceResolution, to_ms

PREFIX = {SourceResolution.YEARLY: "ohlcv/1Y/", SourceResolution.DAILY: "ohlcv/1m/"}
_YEARLY = re.compile(r"^ohlcv/1Y/symbol=([^/]+)/year=(\d{4})/[^/]+\.parquet$")
_DAILY = re.compile(r"^ohlcv/1m/symbol=([^/]+)/date=(\d{4}-\d{2}-\d{2})/[^/]+\.parquet$")

Period = int | date


def yearly_key(symbol: str, year: int) -> str:
    return f"ohlcv/1Y/symbol={symbol}/year={year}/{symbol}_{year}.parquet"


def periods_touched(query: CandleQuery) -> tuple[Period, Period]:
    """The first and last year (or day, for the daily layout) the query's range touches."""
    return periods_between(query.source, query.start, query.end)


def periods_between(
    source: SourceResolution, start: datetime, end: datetime
) -> tuple[Period, Period]:
    """The first and last year (or day) that [start, end) touches."""
    first = start.astimezone(UTC)
    last = EPOCH + timedelta(milliseconds=to_ms(end) - 1)
    if source == SourceResolution.YEARLY:
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
    # (symbol, year) -> digest of its files, worked out once per listing (rollups.provenance).
    digests: dict[tuple[str, int], str] = field(default_factory=dict, repr=False, compare=False)

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

    def years(self, symbol: str) -> list[int]:
        """The years `symbol` has files in, in order."""
        periods = self.files.get(symbol, {})
        return sorted({p if isinstance(p, int) else p.year for p in periods})

    def keys_in_year(self, symbol: str, year: int) -> list[str]:
        """The keys of `symbol` in `year`: its yearly file, or its daily files of that year."""
        stored = self.files.get(symbol, {})
        if self.source == SourceResolution.YEARLY:
            return list(stored.get(year, []))
        return self.keys_between(symbol, date(year, 1, 1), date(year, 12, 31))

    def one_file_per_period(self, symbol: str, first: Period, last: Period) -> bool:
        """Whether each period from `first` to `last` that has files has exactly one."""
        stored = self.files.get(symbol, {})
        touched = (keys for p, keys in stored.items() if first <= p <= last)  # type: ignore[operator]
        return all(len(keys) == 1 for keys in touched)
