"""The reference evaluator: a program's rules over bars, in plain Python, as Signals.

Series are lists of floats, constants are floats, conditions are lists of bools (or one
bool); arithmetic and comparisons are elementwise with IEEE-754 semantics (x / 0 = ±inf,
NaN compares false except `!=`). Each distinct subexpression is computed once.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Callable, Sequence
from typing import Any

from core.domain.engine.bars import Bars
from core.domain.engine.signals import Signals
from core.domain.rules.arithmetic import OPERATORS
from core.domain.rules.indicators import INDICATORS
from core.domain.rules.nodes import Binary, Boolean, Call, Column, Node, Number, Unary
from core.domain.rules.program import StrategyProgram

_COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
    "==": operator.eq,
    "!=": operator.ne,
}
_LOGIC: dict[str, Callable[[bool, bool], bool]] = {
    "and": lambda a, b: a and b,
    "or": lambda a, b: a or b,
}


def evaluate(program: StrategyProgram, bars: Bars) -> Signals:
    values = _Evaluator(bars)
    count = len(bars)
    columns = {name: _as_column(values.of(node), count) for name, node in program.rules().items()}
    start = 1 + warmup([values.of(call) for call in program.indicators()])
    entry = columns["entry"]
    if program.entry_once:
        first = next((i for i in range(start, count) if entry[i]), None)
        entry = [i == first for i in range(count)]
    none = [False] * count
    return Signals(
        entry,
        columns["exit"],
        columns.get("short_entry", none),
        columns.get("short_exit", none),
        start,
    )


def warmup(indicators: Sequence[Sequence[float]]) -> int:
    """backtesting.py's: the largest first non-NaN index (0 for an all-NaN indicator)."""
    return max((_first_number(values) for values in indicators), default=0)


def _first_number(values: Sequence[float]) -> int:
    return next((i for i, v in enumerate(values) if not math.isnan(v)), 0)


def _as_column(value: Any, count: int) -> list[bool]:
    return [bool(v) for v in value] if isinstance(value, list) else [bool(value)] * count


class _Evaluator:
    def __init__(self, bars: Bars) -> None:
        self._bars = bars
        self._memo: dict[Node, Any] = {}

    def of(self, node: Node) -> Any:
        if node not in self._memo:
            self._memo[node] = self._compute(node)
        return self._memo[node]

    def _compute(self, node: Node) -> Any:
        if isinstance(node, Number):
            return node.value
        if isinstance(node, Boolean):
            return node.value
        if isinstance(node, Column):
            return [float(v) for v in getattr(self._bars, node.name)]
        if isinstance(node, Unary):
            operand = self.of(node.operand)
            negate: Callable[[Any], Any] = operator.not_ if node.op == "not" else operator.neg
            return [negate(v) for v in operand] if isinstance(operand, list) else negate(operand)
        if isinstance(node, Binary):
            op = OPERATORS.get(node.op) or _COMPARE.get(node.op) or _LOGIC[node.op]
            return _elementwise(op, self.of(node.left), self.of(node.right))
        if isinstance(node, Call):
            return INDICATORS[node.function](self._bars, [self.of(arg) for arg in node.args])
        raise TypeError(f"not a checked node: {node!r}")


def _elementwise(op: Callable[[Any, Any], Any], left: Any, right: Any) -> Any:
    if isinstance(left, list) and isinstance(right, list):
        return [op(a, b) for a, b in zip(left, right, strict=True)]
    if isinstance(left, list):
        return [op(a, right) for a in left]
    if isinstance(right, list):
        return [op(left, b) for b in right]
    return op(left, right)
