"""The timeframes listing: the common ones with their length, the forms accepted, the rules."""

from __future__ import annotations

from typing import Any

from core.domain.timeframe import ALLOWED_FORMS, COMMON, Timeframe


def timeframes_json(rules: str) -> dict[str, Any]:
    return {
        "timeframes": [
            {
                "timeframe": text,
                "seconds": (Timeframe.parse(text).minutes or 0) * 60 or None,
                "description": _describe(Timeframe.parse(text)),
            }
            for text in COMMON
        ],
        "accepted": ALLOWED_FORMS,
        "rules": rules,
    }


def _describe(timeframe: Timeframe) -> str:
    if timeframe.is_calendar_month:
        return "calendar month, starting on the 1st at 00:00 UTC"
    if str(timeframe) == "1w":
        return "week starting Monday 00:00 UTC"
    return f"{timeframe.minutes} minute(s), aligned to the Unix epoch"
