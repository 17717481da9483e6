"""A fingerprint of the bars a run read: enough to tell whether the store changed since."""

from __future__ import annotations

import hashlib

from core.domain.candles import CandleSeries, from_ms
from core.domain.columns import FLOAT, INT, column_bytes


def fingerprint(series: CandleSeries) -> dict[str, object]:
    """Bar count, first and last bar, and a SHA-256 of every bar's time and OHLCV.

    Two runs over the same stored data have equal fingerprints; any rewritten bar, added or
    missing minute changes the digest.
    """
    digest = hashlib.sha256(column_bytes(series.times, INT))
    for column in (series.open, series.high, series.low, series.close, series.volume):
        digest.update(column_bytes(column, FLOAT))
    return {
        "symbol": str(series.symbol),
        "timeframe": str(series.timeframe),
        "bars": len(series),
        "first": from_ms(series.times[0]).isoformat() if len(series) else None,
        "last": from_ms(series.times[-1]).isoformat() if len(series) else None,
        "sha256": digest.hexdigest(),
    }
