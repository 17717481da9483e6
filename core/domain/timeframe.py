"""Timeframe: the bar length candles are aggregated to ("5m", "4h", "1d", "1w", "1M")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from core.domain.errors import RuleViolated

_PATTERN = re.compile(r"^([1-9][0-9]{0,3})(m|h|d|w|M)$")
ALLOWED_FORMS = "<n>m, <n>h, <n>d (n from 1 to 9999), 1w or 1M"


class Unit(Enum):
    MINUTE = "m"
    HOUR = "h"
    DAY = "d"
    WEEK = "w"
    MONTH = "M"


_UNIT_MINUTES = {Unit.MINUTE: 1, Unit.HOUR: 60, Unit.DAY: 1440, Unit.WEEK: 10080}
COMMON = ("1m", "3m", "5m", "15m", "30m", "1h", "2h", "4h", "6h", "12h", "1d", "1w", "1M")


@dataclass(frozen=True, slots=True)
class Timeframe:
    """Any multiple of minutes, hours or days, plus 1w (from Monday) and 1M (calendar month)."""

    count: int
    unit: Unit

    def __post_init__(self) -> None:
        if self.unit in (Unit.WEEK, Unit.MONTH) and self.count != 1:
            raise RuleViolated(
                f"weeks and months only come as 1w and 1M; use {ALLOWED_FORMS}", "timeframe"
            )
        if not 1 <= self.count <= 9999:
            raise RuleViolated(f"timeframe count must be 1..9999; use {ALLOWED_FORMS}", "timeframe")

    @classmethod
    def parse(cls, text: str) -> Timeframe:
        match = _PATTERN.match(text.strip())
        if not match:
            raise RuleViolated(f"unknown timeframe {text!r}; use {ALLOWED_FORMS}", "timeframe")
        return cls(int(match.group(1)), Unit(match.group(2)))

    @property
    def is_calendar_month(self) -> bool:
        return self.unit is Unit.MONTH

    @property
    def minutes(self) -> int | None:
        """Fixed length in minutes; None for calendar months, whose length varies."""
        if self.unit is Unit.MONTH:
            return None
        return self.count * _UNIT_MINUTES[self.unit]

    def __str__(self) -> str:
        return f"{self.count}{self.unit.value}"
