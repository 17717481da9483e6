"""Amounts of money and of units: how a client may write one, and the signs entities need.

A client writes at most MAX_DECIMALS places below MAX_AMOUNT (`to_decimal`, `positive`,
`non_negative`). Entities only require their signs (`require_positive`, `require_non_negative`):
a server run records the engine's floats exactly, with as many places as they take.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from core.domain.errors import RuleViolated

MAX_AMOUNT = Decimal("1e15")
MAX_DECIMALS = 10
Number = Decimal | int | float | str


def to_decimal(value: Number, field: str) -> Decimal:
    """Converts without the binary-float surprises of Decimal(float) and rejects NaN/inf."""
    try:
        number = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    except (InvalidOperation, ValueError, TypeError):
        raise RuleViolated(f"{field} must be a number", field) from None
    _require_finite(number, field)
    if abs(number) >= MAX_AMOUNT:
        raise RuleViolated(f"{field} must be smaller than {MAX_AMOUNT:,.0f}", field)
    exponent = number.as_tuple().exponent
    if isinstance(exponent, int) and -exponent > MAX_DECIMALS:
        raise RuleViolated(f"{field} has more than {MAX_DECIMALS} decimal places", field)
    return number


def positive(value: Number, field: str) -> Decimal:
    """A client's amount that must be above zero (a price, a quantity, a capital)."""
    return require_positive(to_decimal(value, field), field)


def non_negative(value: Number, field: str) -> Decimal:
    """A client's amount that may be zero but not below (a commission)."""
    return require_non_negative(to_decimal(value, field), field)


def require_positive(number: Decimal, field: str) -> Decimal:
    _require_finite(number, field)
    if number <= 0:
        raise RuleViolated(f"{field} must be greater than zero", field)
    return number


def require_non_negative(number: Decimal, field: str) -> Decimal:
    _require_finite(number, field)
    if number < 0:
        raise RuleViolated(f"{field} must not be negative", field)
    return number


def _require_finite(number: Decimal, field: str) -> None:
    # Before any comparison: comparing a NaN raises InvalidOperation.
    if not number.is_finite():
        raise RuleViolated(f"{field} must be a finite number", field)
