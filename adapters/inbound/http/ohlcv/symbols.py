"""A symbol's coverage as the listing shows it."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from core.domain.candles import SourceResolution, SymbolCoverage


def coverage_json(coverage: SymbolCoverage) -> dict[str, Any]:
    """`first` and `last` are the times of the first and last bar; `first_date` and `last_date`
    (kept for older clients) only span the stored years, or the days of the daily layout, which
    also lists its `days`."""
    shown: dict[str, Any] = {
        "symbol": str(coverage.symbol),
        "years": list(coverage.years),
        "first": _instant(coverage.first),
        "last": _instant(coverage.last),
        "first_date": coverage.first_day,
        "last_date": coverage.last_day,
    }
    if coverage.source is SourceResolution.DAILY:
        shown["days"] = list(coverage.days)
    return shown


def _instant(moment: datetime | None) -> str | None:
    return None if moment is None else moment.astimezone(UTC).isoformat().replace("+00:00", "Z")
