"""Small value objects shared by the aggregates: validated on construction, immutable."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime

from core.domain.errors import RuleViolated

# How a symbol is written: 1 to 32 letters, digits and . _ - /, not starting with a sign.
SYMBOL_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._\-/]{0,31}$"
_SYMBOL = re.compile(SYMBOL_PATTERN)
# The calendar the API accepts: wide enough for any market history, narrow enough that every
# conversion made later (to UTC, to epoch milliseconds, one day on) stays representable.
FIRST_YEAR = 1900
LAST_YEAR = 2200
EARLIEST = datetime(FIRST_YEAR, 1, 1, tzinfo=UTC)
LATEST = datetime(LAST_YEAR + 1, 1, 1, tzinfo=UTC)  # exclusive
SUPPORTED_DATES = f"from {FIRST_YEAR}-01-01 to {LAST_YEAR}-12-31 (UTC)"


@dataclass(frozen=True, slots=True)
class Symbol:
    """A market symbol such as BTC, EURUSD or BRK.B; stored upper-case."""

    value: str

    def __post_init__(self) -> None:
        normalized = self.value.strip().upper()
        if not _SYMBOL.match(normalized):
            raise RuleViolated(
                "symbol must be 1-32 characters: letters, digits and . _ - /", "symbol"
            )
        object.__setattr__(self, "value", normalized)

    def __str__(self) -> str:
        return self.value


def supported_day(day: date, field: str) -> date:
    """The day itself, when it lies in the supported calendar."""
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise RuleViolated(f"{field} must be a date {SUPPORTED_DATES}", field)
    return day


def supported_instant(moment: datetime, field: str) -> datetime:
    """The moment itself (no offset meaning UTC), when it lies in the supported calendar.

    The written year is checked first: converting year 1 with a positive offset, or year 9999
    with a negative one, to UTC would overflow.
    """
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    if not FIRST_YEAR <= aware.year <= LAST_YEAR or not EARLIEST <= aware < LATEST:
        raise RuleViolated(f"{field} must be a time {SUPPORTED_DATES}", field)
    return aware


@dataclass(frozen=True, slots=True)
class DateRange:
    """An inclusive range of calendar days: end is the last day covered."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise RuleViolated("end_date must not be before start_date", "end_date")

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1
