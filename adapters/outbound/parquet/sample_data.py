"""A deterministic sample of 1-minute bars, so a new install answers with real-looking data."""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np
import pyarrow as pa

from adapters.outbound.market_data_storage.bars_table import SCHEMA

MINUTE_MS = 60_000
WEEK_ORIGIN_MS = 4 * 86_400_000  # the first Monday after the epoch


@dataclass(frozen=True)
class SampleSymbol:
    name: str
    start_price: float
    annual_volatility: float
    typical_volume: float
    weekends: bool  # crypto trades every day; FX closes from Friday 22:00 to Sunday 22:00 UTC
    decimals: int


SAMPLE_SYMBOLS = (
    SampleSymbol("BTC", 16_500.0, 0.60, 12.0, weekends=True, decimals=2),
    SampleSymbol("ETH", 1_200.0, 0.75, 90.0, weekends=True, decimals=2),
    SampleSymbol("EURUSD", 1.07, 0.08, 150.0, weekends=False, decimals=5),
)
SAMPLE_YEARS = (2023, 2024)


def _fx_closed(ms: np.ndarray) -> np.ndarray:
    """FX is closed from Friday 22:00 to Sunday 22:00 UTC."""
    minutes_into_week = ((ms - WEEK_ORIGIN_MS) // MINUTE_MS) % (7 * 24 * 60)
    friday_22 = (4 * 24 + 22) * 60
    sunday_22 = (6 * 24 + 22) * 60
    return (minutes_into_week >= friday_22) & (minutes_into_week < sunday_22)


def sample_year(
    symbol: SampleSymbol, year: int, first: float | None = None, seed: int = 7
) -> pa.Table:
    """A geometric random walk with consistent OHLC; the same inputs give the same rows.

    `first` is the opening price (the previous year's last close, so years join up).
    """
    digest = hashlib.sha256(f"{seed}:{symbol.name}:{year}".encode()).digest()
    rng = np.random.Generator(np.random.PCG64(int.from_bytes(digest[:8], "big")))
    start = int(datetime(year, 1, 1, tzinfo=UTC).timestamp() * 1000)
    end = int(datetime(year + 1, 1, 1, tzinfo=UTC).timestamp() * 1000)
    times = np.arange(start, end, MINUTE_MS, dtype=np.int64)
    if not symbol.weekends:
        times = times[~_fx_closed(times)]
    n = len(times)
    sigma = symbol.annual_volatility / math.sqrt(365 * 24 * 60)
    first = symbol.start_price if first is None else first
    closes = first * np.exp(np.cumsum(rng.normal(0.0, sigma, n)))
    opens = np.concatenate(([first], closes[:-1]))
    wick = np.abs(rng.normal(0.0, sigma, (2, n)))
    decimals = symbol.decimals
    opens, closes = np.round(opens, decimals), np.round(closes, decimals)
    highs = np.maximum(
        np.round(np.maximum(opens, closes) * (1 + wick[0]), decimals), np.maximum(opens, closes)
    )
    lows = np.minimum(
        np.round(np.minimum(opens, closes) * (1 - wick[1]), decimals), np.minimum(opens, closes)
    )
    volumes = np.round(symbol.typical_volume * rng.exponential(1.0, n), 4)
    return pa.table(
        [pa.array(times).cast(pa.timestamp("ms", tz="UTC")), opens, highs, lows, closes, volumes],
        schema=SCHEMA,
    )


def sample_tables(
    symbols: Iterable[SampleSymbol] = SAMPLE_SYMBOLS, years: Iterable[int] = SAMPLE_YEARS
) -> Iterator[tuple[str, int, pa.Table]]:
    """Each symbol's years in order, each opening at the previous year's close."""
    for symbol in symbols:
        first = None
        for year in sorted(years):
            table = sample_year(symbol, year, first)
            first = table.column("close")[-1].as_py()
            yield symbol.name, year, table
