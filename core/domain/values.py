"""Small value objects shared by the aggregates: validated on construction, immutable."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from core.domain.errors import RuleViolated

MAX_AMOUNT = Decimal("1e15")
MAX_DECIMALS = 10
_SYMBOL = re.compile(r"^[A-Z0-9][A-Z0-9._\-/]{0,31}$")


def to_decimal(value: Decimal | int | float | str, field: str) -> Decimal:
    """Converts without the binary-float surprises of Decimal(float) and rejects NaN/inf."""
    try:
        number = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    except (InvalidOperation, ValueError, TypeError):
        raise RuleViolated(f"{field} must be a number", field) from None
    if not number.is_finite():
        raise RuleViolated(f"{field} must be a finite number", field)
    if abs(number) >= MAX_AMOUNT:
        raise RuleViolated(f"{field} must be smaller than {MAX_AMOUNT:,.0f}", field)
    exponent = number.as_tuple().exponent
    if isinstance(exponent, int) and -exponent > MAX_DECIMALS:
        raise RuleViolated(f"{field} has more than {MAX_DECIMALS} decimal places", field)
    return number


def positive(value: Decimal | int | float | str, field: str) -> Decimal:
    number = to_decimal(value, field)
    if number <= 0:
        raise RuleViolated(f"{field} must be greater than zero", field)
    return number


def non_negative(value: Decimal | int | float | str, field: str) -> Decimal:
    number = to_decimal(value, field)
    if number < 0:
        raise RuleViolated(f"{field} must not be negative", field)
    return number


def bounded_text(value: str, field: str, *, max_length: int, required: bool = True) -> str:
    """Strips surrounding blanks; rejects empty (when required) and over-long text."""
    text = value.strip()
    if required and not text:
        raise RuleViolated(f"{field} must not be blank", field)
    if len(text) > max_length:
        raise RuleViolated(f"{field} must be at most {max_length} characters", field)
    return text


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
