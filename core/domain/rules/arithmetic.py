"""IEEE-754 float operations as numpy performs them, where Python's would raise."""

from __future__ import annotations

import math

NAN = math.nan


def divide(a: float, b: float) -> float:
    """a / b, with x / 0 = ±inf and 0 / 0 = NaN (signs of zeros respected)."""
    if b != 0:
        return a / b
    if a != a or a == 0:
        return NAN
    return math.copysign(math.inf, a) * math.copysign(1.0, b)


def add(a: float, b: float) -> float:
    return a + b


def subtract(a: float, b: float) -> float:
    return a - b


def multiply(a: float, b: float) -> float:
    return a * b


OPERATORS = {"+": add, "-": subtract, "*": multiply, "/": divide}
