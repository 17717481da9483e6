"""The rules language's syntax tree, as built by a RulesParser and refined by the checker.

Positions (1-based line and column) are carried for error messages but left out of
equality and hashing, so two occurrences of `sma(close, 10)` are the same node: the
evaluators compute each distinct subexpression once.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

SERIES = ("open", "high", "low", "close", "volume")
ARITHMETIC = ("+", "-", "*", "/")
COMPARISONS = ("<", "<=", ">", ">=", "==", "!=")


@dataclass(frozen=True, slots=True)
class Number:
    """A numeric literal; `integer` when written without a point or exponent (a window)."""

    value: float
    integer: bool = False
    line: int = field(default=0, compare=False)
    column: int = field(default=0, compare=False)
    # 0.0 == -0.0, but 1 / -0 is -inf: the sign takes part in equality.
    negative: bool = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "negative", math.copysign(1.0, self.value) < 0)


@dataclass(frozen=True, slots=True)
class Boolean:
    """`true` or `false`: a constant rule (buy and hold enters on `true`, never exits)."""

    value: bool
    line: int = field(default=0, compare=False)
    column: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Name:
    """An identifier as written: a series, or a parameter until the checker resolves it."""

    name: str
    line: int = field(default=0, compare=False)
    column: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Column:
    """One of the bar series (`open`, `high`, `low`, `close`, `volume`); made by the checker."""

    name: str
    line: int = field(default=0, compare=False)
    column: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Unary:
    """`-x` or `not x`."""

    op: str
    operand: Node
    line: int = field(default=0, compare=False)
    column: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Binary:
    """Arithmetic, a comparison, `and` or `or`; the position is the operator's."""

    op: str
    left: Node
    right: Node
    line: int = field(default=0, compare=False)
    column: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Call:
    """A function call; the position is the function name's."""

    function: str
    args: tuple[Node, ...]
    line: int = field(default=0, compare=False)
    column: int = field(default=0, compare=False)


Node = Number | Boolean | Name | Column | Unary | Binary | Call


def children(node: Node) -> tuple[Node, ...]:
    if isinstance(node, Unary):
        return (node.operand,)
    if isinstance(node, Binary):
        return (node.left, node.right)
    if isinstance(node, Call):
        return node.args
    return ()


class RuleError(Exception):
    """A rule that cannot be parsed or checked, at a 1-based line and column."""

    def __init__(self, line: int, column: int, message: str) -> None:
        super().__init__(f"line {line}, column {column}: {message}")
        self.line = line
        self.column = column
        self.message = message
