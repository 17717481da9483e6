"""A checked rule written back as text: canonical, with parameters as literals.

Parsing and checking the text gives the same rule again, so it can be shown as what ran.
"""

from __future__ import annotations

import math

from core.domain.rules.nodes import Binary, Boolean, Call, Column, Name, Node, Number, Unary

_PRECEDENCE = {"or": 1, "and": 2, "not": 3, "+": 5, "-": 5, "*": 6, "/": 6}
_COMPARISON = 4
_NEGATION = 7
_ATOM = 8


def to_text(node: Node) -> str:
    return _text(node)[0]


def _text(node: Node) -> tuple[str, int]:
    """The text and its precedence (how tightly it binds)."""
    if isinstance(node, Number):
        return _number(node)
    if isinstance(node, Boolean):
        return ("true" if node.value else "false"), _ATOM
    if isinstance(node, Name | Column):
        return node.name, _ATOM
    if isinstance(node, Call):
        return f"{node.function}({', '.join(to_text(arg) for arg in node.args)})", _ATOM
    if isinstance(node, Unary):
        level = _PRECEDENCE["not"] if node.op == "not" else _NEGATION
        operand = _wrapped(node.operand, level)
        return (f"not {operand}" if node.op == "not" else f"-{operand}"), level
    if isinstance(node, Binary):
        level = _PRECEDENCE.get(node.op, _COMPARISON)
        # Left-associative: a right operand at the same level needs parentheses, and
        # comparisons do not chain, so both of theirs do.
        left = _wrapped(node.left, level + (level == _COMPARISON))
        right = _wrapped(node.right, level + 1)
        return f"{left} {node.op} {right}", level
    raise TypeError(f"not a rule node: {node!r}")


def _wrapped(node: Node, minimum: int) -> str:
    text, level = _text(node)
    return text if level >= minimum else f"({text})"


def _number(node: Number) -> tuple[str, int]:
    magnitude = abs(node.value)
    text = str(int(magnitude)) if node.integer else repr(magnitude)
    if math.copysign(1.0, node.value) < 0:
        return f"-{text}", _NEGATION
    return text, _ATOM
