"""The type checker: resolves names, checks every operand and argument, bounds the size.

Types are a number (a constant), a series (numbers per bar) and a condition (true/false
per bar, or constant). A rule must be a condition. Window arguments are whole-number
literals (or integer parameters, substituted as literals) within the function's bounds.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Mapping

from core.domain.rules.calls import check_call, function_of
from core.domain.rules.checked import NUMERIC, Checked, Type, error, expect
from core.domain.rules.functions import FUNCTIONS
from core.domain.rules.limits import MAX_DEPTH, MAX_NODES
from core.domain.rules.nodes import (
    ARITHMETIC,
    COMPARISONS,
    SERIES,
    Binary,
    Boolean,
    Column,
    Name,
    Node,
    Number,
    Unary,
    children,
)

KEYWORDS = ("and", "or", "not", "true", "false")
_LARGEST = sys.float_info.max
Parameters = Mapping[str, object]


def check_rule(node: Node, parameters: Parameters) -> Checked:
    _bound(node)
    checked = _check(node, parameters)
    if checked.type is not Type.CONDITION:
        raise error(node, f"a rule must be a condition (true or false), not {checked.type.article}")
    return checked


def _bound(root: Node) -> None:
    """Counts nodes and depth without recursion: the tree is still unbounded here."""
    stack = [(root, 1)]
    count = 0
    while stack:
        node, depth = stack.pop()
        count += 1
        if count > MAX_NODES:
            raise error(root, f"the rule is too long: at most {MAX_NODES} terms")
        if depth > MAX_DEPTH:
            raise error(node, f"the rule is nested too deeply: at most {MAX_DEPTH} levels")
        stack.extend((child, depth + 1) for child in children(node))


def _check(node: Node, parameters: Parameters) -> Checked:
    if isinstance(node, Number):
        if not math.isfinite(node.value):
            raise error(node, "the number is too large")
        return Checked(node, Type.NUMBER)
    if isinstance(node, Boolean):
        return Checked(node, Type.CONDITION)
    if isinstance(node, Name | Column):
        return _name(node, parameters)
    if isinstance(node, Unary):
        return _unary(node, _check(node.operand, parameters))
    if isinstance(node, Binary):
        return _binary(node, _check(node.left, parameters), _check(node.right, parameters))
    function_of(node)  # an unknown function is the first thing to say
    return check_call(node, [_check(arg, parameters) for arg in node.args])


def _name(node: Name | Column, parameters: Parameters) -> Checked:
    where = (node.line, node.column)
    if node.name in SERIES:
        return Checked(Column(node.name, *where), Type.SERIES)
    if node.name in KEYWORDS:
        raise error(node, f"'{node.name}' is a keyword and cannot be used here")
    if node.name in parameters:
        value = parameters[node.name]
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise error(node, f"parameter '{node.name}' must be a number")
        if not -_LARGEST <= value <= _LARGEST:  # also refuses NaN
            raise error(node, f"parameter '{node.name}' must be a finite number")
        return _check(Number(float(value), isinstance(value, int), *where), parameters)
    if node.name in FUNCTIONS:
        raise error(
            node, f"'{node.name}' is a function: call it as {FUNCTIONS[node.name].signature}"
        )
    raise error(node, f"unknown name '{node.name}'; the series are {', '.join(SERIES)}")


def _unary(node: Unary, operand: Checked) -> Checked:
    if node.op == "not":
        expect(node, operand, (Type.CONDITION,), "'not' applies to")
        return Checked(
            Unary("not", operand.node, node.line, node.column), Type.CONDITION, 0, operand.warmup
        )
    expect(node, operand, NUMERIC, "'-' applies to")
    if isinstance(operand.node, Number):  # a negative literal stays a literal
        value = operand.node
        return Checked(Number(-value.value, value.integer, node.line, node.column), Type.NUMBER)
    inner = Unary("-", operand.node, node.line, node.column)
    return Checked(inner, operand.type, operand.lag, operand.warmup)


def _binary(node: Binary, left: Checked, right: Checked) -> Checked:
    resolved = Binary(node.op, left.node, right.node, node.line, node.column)
    warmup = max(left.warmup, right.warmup)
    if node.op in ("and", "or"):
        for side in (left, right):
            expect(node, side, (Type.CONDITION,), f"'{node.op}' joins")
        return Checked(resolved, Type.CONDITION, 0, warmup)
    for side in (left, right):
        expect(node, side, NUMERIC, f"'{node.op}' applies to")
    if node.op in COMPARISONS:
        return Checked(resolved, Type.CONDITION, 0, warmup)
    assert node.op in ARITHMETIC
    series = Type.SERIES in (left.type, right.type)
    kind = Type.SERIES if series else Type.NUMBER
    return Checked(resolved, kind, max(left.lag, right.lag), warmup)
