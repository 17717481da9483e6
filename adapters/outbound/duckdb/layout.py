"""Where bars are stored: key names of the yearly and the legacy daily layouts."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from core.domain.candles import SourceResolution

PREFIX = {SourceResolution.YEARLY: "ohlcv/1Y/", SourceResolution.DAILY: "ohlcv/1m/"}
_YEARLY = re.compile(r"^ohlcv/1Y/symbol=([^/]+)/year=(\d{4})/[^/]+\.parquet$")
_DAILY = re.compile(r"^ohlcv/1m/symbol=([^/]+)/date=(\d{4}-\d{2}-\d{2})/[^/]+\.parquet$")


def yearly_key(symbol: str, year: int) -> str:
    return f"ohlcv/1Y/symbol={symbol}/year={year}/{symbol}_{year}.parquet"


@dataclass
class Listing:
    """The stored files of one layout: symbol -> period (a year or a day) -> keys."""

    source: SourceResolution
    files: dict[str, dict[int | date, list[str]]] = field(default_factory=dict)

    @classmethod
    def from_keys(cls, source: SourceResolution, keys: Iterable[str]) -> Listing:
        pattern = _YEARLY if source == SourceResolution.YEARLY else _DAILY
        files: dict[str, dict[int | date, list[str]]] = defaultdict(lambda: defaultdict(list))
        for key in keys:
            match = pattern.match(key)
            if not match:
                continue
            symbol, period = match.groups()
            parsed: int | date
            try:
                parsed = (
                    int(period) if source == SourceResolution.YEARLY else date.fromisoformat(period)
                )
            except ValueError:
                continue
            files[symbol.upper()][parsed].append(key)
        return cls(source, {s: {p: sorted(k) for p, k in v.items()} for s, v in files.items()})
