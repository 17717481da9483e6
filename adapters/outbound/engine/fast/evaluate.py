"""The vectorised evaluator: a program's rules over bars as numpy arrays, compiled indicators.

Gives the same Signals as core.domain.rules.evaluate, bit for bit: numpy's float64
arithmetic and comparisons are IEEE-754's, as are the reference's Python floats.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, cast

import numpy as np

from adapters.outbound.engine.fast import indicators as ind
from core.domain.engine.bars import Bars
from core.domain.engine.signals import Signals
from core.domain.rules.nodes import Binary, Boolean, Call, Column, Node, Number, Unary
from core.domain.rules.program import StrategyProgram

_BINARY: dict[str, Callable[[Any, Any], Any]] = {
    "+": np.add,
    "-": np.subtract,
    "*": np.multiply,
    "/": np.divide,
    "<": np.less,
    "<=": np.less_equal,
    ">": np.greater,
    ">=": np.greater_equal,
    "==": np.equal,
    "!=": np.not_equal,
    "and": np.logical_and,
    "or": np.logical_or,
}


def evaluate(program: StrategyProgram, bars: Bars) -> Signals:
    count = len(bars)
    values = _Evaluator(bars)
    with np.errstate(all="ignore"):
        columns = {
            name: np.broadcast_to(np.asarray(values.of(node), dtype=bool), count).copy()
            for name, node in program.rules().items()
        }
        start = 1 + warmup([values.of(call) for call in program.indicators()])
    entry = columns["entry"]
    if program.entry_once:
        later = np.flatnonzero(entry[start:])
        entry = np.zeros(count, dtype=bool)
        if later.size:
            entry[start + later[0]] = True
    none = np.zeros(count, dtype=bool)
    return Signals(
        _flags(entry),
        _flags(columns["exit"]),
        _flags(columns.get("short_entry", none)),
        _flags(columns.get("short_exit", none.copy())),
        start,
    )


def _flags(column: np.ndarray) -> Sequence[bool]:
    return cast(Sequence[bool], column)  # a bool array is a sequence of bools


def warmup(indicators: list[np.ndarray]) -> int:
    """backtesting.py's: the largest first non-NaN index (0 for an all-NaN indicator)."""
    return max((int(np.argmin(np.isnan(v))) if v.size else 0 for v in indicators), default=0)


class _Evaluator:
    def __init__(self, bars: Bars) -> None:
        self._bars = bars
        self._count = len(bars)
        self._memo: dict[Node, Any] = {}

    def of(self, node: Node) -> Any:
        if node not in self._memo:
            self._memo[node] = self._compute(node)
        return self._memo[node]

    def column(self, name: str) -> np.ndarray:
        return np.ascontiguousarray(getattr(self._bars, name), dtype=np.float64)

    def _compute(self, node: Node) -> Any:
        if isinstance(node, Number):
            return np.float64(node.value)
        if isinstance(node, Boolean):
            return np.bool_(node.value)
        if isinstance(node, Column):
            return self.column(node.name)
        if isinstance(node, Unary):
            operand = self.of(node.operand)
            return np.logical_not(operand) if node.op == "not" else np.negative(operand)
        if isinstance(node, Binary):
            return _BINARY[node.op](self.of(node.left), self.of(node.right))
        if isinstance(node, Call):
            return self._call(node)
        raise TypeError(f"not a checked node: {node!r}")

    def _call(self, node: Call) -> Any:
        function = node.function
        if function in ("bb_upper", "bb_lower"):  # sma ± k * stdev, sharing both with the rules
            middle = self.of(Call("sma", node.args[:2]))
            band = np.float64(self.of(node.args[2])) * self.of(Call("stdev", node.args[:2]))
            return middle + band if function == "bb_upper" else middle - band
        args = [self.of(arg) for arg in node.args]
        if function.startswith("crosses_"):
            a, b = (np.broadcast_to(v, self._count) for v in args)
            if function == "crosses_below":
                a, b = b, a
            crossed = np.zeros(self._count, dtype=bool)
            crossed[1:] = (a[:-1] < b[:-1]) & (a[1:] > b[1:])
            return crossed
        if function == "atr":
            high, low, close = (self.column(name) for name in ("high", "low", "close"))
            return ind.atr(high, low, close, int(args[0]))
        x, window = args[0], int(args[1])
        simple: dict[str, Callable[[np.ndarray, int], np.ndarray]] = {
            "sma": ind.sma,
            "ema": ind.ema,
            "rsi": ind.rsi,
            "stdev": ind.stdev,
            "highest": ind.highest,
            "lowest": ind.lowest,
            "shift": ind.shift,
        }
        return simple[function](x, window)


def warm_up() -> None:
    """Compile (or load from numba's cache) every indicator kernel before any request."""
    ind.warm_up()
