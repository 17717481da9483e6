"""Aggregation computed independently with pandas: the yardstick for our reference and SQL."""

from __future__ import annotations

from datetime import datetime

import pandas as pd
import pytest

from tests.support.marketdata import Bar


def pandas_rule(tf: str) -> str:
    """pandas' name for a timeframe; day multiples as hours, which pandas aligns to the epoch."""
    if tf in ("1w", "1M"):
        return {"1w": "W-MON", "1M": "MS"}[tf]
    count, unit = int(tf[:-1]), tf[-1]
    return f"{count * 24}h" if unit == "d" else f"{count}{'min' if unit == 'm' else 'h'}"


def resample(
    rows: list[Bar], tf: str, start: datetime | None = None, end: datetime | None = None
) -> list[Bar]:
    """Labels left, closed left, UTC, empty buckets dropped."""
    frame = pd.DataFrame(rows, columns=["t", "open", "high", "low", "close", "volume"])
    if start is not None and end is not None:
        frame = frame[(frame.t >= start.timestamp() * 1000) & (frame.t < end.timestamp() * 1000)]
    frame.index = pd.to_datetime(frame.t, unit="ms", utc=True)
    options = {"label": "left", "closed": "left"}
    if tf not in ("1w", "1M"):
        options["origin"] = "epoch"
    agg = frame.resample(pandas_rule(tf), **options).agg(
        {
            "open": "first",
            "high": "max",
            "low": "min",
            "close": "last",
            "volume": "sum",
            "t": "count",
        }
    )
    agg = agg[agg.t > 0]
    values = agg[["open", "high", "low", "close", "volume"]].to_numpy()
    return [
        (int(ts.timestamp() * 1000), *map(float, row))
        for ts, row in zip(agg.index, values, strict=True)
    ]


def flat(rows: list[Bar]) -> list[float]:
    return [value for row in rows for value in row]


def flat_approx(rows: list[Bar]) -> object:
    return pytest.approx(flat(rows), rel=1e-9, abs=1e-6)
