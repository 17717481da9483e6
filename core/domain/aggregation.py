"""The reference aggregation, in plain Python: the twin's engine and the SQL's yardstick."""

from __future__ import annotations

from core.domain.candles import CandleSeries, bucket_start
from core.domain.timeframe import Timeframe


def aggregate(minutes: CandleSeries, timeframe: Timeframe) -> CandleSeries:
    """Aggregates time-ordered bars into `timeframe` buckets (see core.domain.candles)."""
    times: list[int] = []
    opens: list[float] = []
    highs: list[float] = []
    lows: list[float] = []
    closes: list[float] = []
    volumes: list[float] = []
    for t, o, h, low, c, v in minutes.rows():
        bucket = bucket_start(t, timeframe)
        if times and times[-1] == bucket:
            highs[-1] = max(highs[-1], h)
            lows[-1] = min(lows[-1], low)
            closes[-1] = c
            volumes[-1] += v
        else:
            times.append(bucket)
            opens.append(o)
            highs.append(h)
            lows.append(low)
            closes.append(c)
            volumes.append(v)
    return CandleSeries(minutes.symbol, timeframe, times, opens, highs, lows, closes, volumes)
