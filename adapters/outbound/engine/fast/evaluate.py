"""The vectorised evaluator: a program's rules over bars as numpy arrays, compiled indicators.

Gives the same Signals as core.domain.rules.evaluate, bit for bit: numpy's float64
arithmetic and comparisons are IEEE-754's, as are the reference's Python floats.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Any, cast

import numpy as np

from adapters.outbound.engine.fast import indicators as ind
from adapters.outbound.engine.fast.plan import Plan
from core.domain.engine.bars import Bars
from core.domain.engine.signals import Signals
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
    plan = _plan(program)
    with np.errstate(all="ignore"):
        values = _run(plan, bars)
    columns = {name: _column(values[number], count) for name, number in plan.rules.items()}
    start = 1 + max((ind.first_number(values[n]) for n in plan.indicators), default=0)
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
        _flags(columns.get("short_exit", none)),
        start,
    )


def _plan(program: StrategyProgram) -> Plan:
    """The program's plan, reused while the same program runs again (a sweep, a bench): a
    program is immutable, and the cache holds it, so its id is not reused meanwhile."""
    with _PLANS_LOCK:  # runs evaluate on several threads
        held = _PLANS.get(id(program))
        if held is None or held[0] is not program:
            if len(_PLANS) >= _PLANS_KEPT:
                del _PLANS[next(iter(_PLANS))]
            held = _PLANS[id(program)] = (program, Plan.of(program))
        return held[1]


_PLANS: dict[int, tuple[StrategyProgram, Plan]] = {}
_PLANS_LOCK = threading.Lock()
_PLANS_KEPT = 64


def _column(value: Any, count: int) -> np.ndarray:
    """A rule's value as a bool column (a constant rule is broadcast)."""
    if isinstance(value, np.ndarray) and value.dtype == np.bool_ and value.shape == (count,):
        return value
    return np.broadcast_to(np.asarray(value, dtype=bool), count).copy()


def _flags(column: np.ndarray) -> Sequence[bool]:
    return cast(Sequence[bool], column)  # a bool array is a sequence of bools


def _run(plan: Plan, bars: Bars) -> list[Any]:
    """Every value of the plan, in order (a step's operands come before it)."""
    values: list[Any] = []
    for operation, *operands in plan.steps:
        values.append(_step(operation, operands, values, bars))
    return values


def _step(operation: object, operands: list[Any], values: list[Any], bars: Bars) -> Any:
    if operation == "number":
        return np.float64(operands[0])
    if operation == "boolean":
        return np.bool_(operands[0])
    if operation == "column":
        return _series(bars, operands[0])
    args = [values[number] for number in operands]
    if len(args) == 1 and operation in ("-", "not"):
        return np.logical_not(args[0]) if operation == "not" else np.negative(args[0])
    if operation in _BINARY:
        return _BINARY[str(operation)](*args)
    if operation in ("crosses_above", "crosses_below"):
        a, b = (_full(v, len(bars)) for v in args)
        return ind.crosses(a, b) if operation == "crosses_above" else ind.crosses(b, a)
    if operation == "atr":
        high, low, close = (_series(bars, name) for name in ("high", "low", "close"))
        return ind.atr(high, low, close, int(args[0]))
    return _WINDOWED[str(operation)](args[0], int(args[1]))


_WINDOWED: dict[str, Callable[[np.ndarray, int], np.ndarray]] = {
    "sma": ind.sma,
    "ema": ind.ema,
    "rsi": ind.rsi,
    "stdev": ind.stdev,
    "highest": ind.highest,
    "lowest": ind.lowest,
    "shift": ind.shift,
}


def _series(bars: Bars, name: str) -> np.ndarray:
    return np.ascontiguousarray(getattr(bars, name), dtype=np.float64)


def _full(value: Any, count: int) -> np.ndarray:
    """A float column (a constant operand of a cross is broadcast)."""
    if isinstance(value, np.ndarray) and value.shape == (count,) and value.dtype == np.float64:
        return np.ascontiguousarray(value)
    return np.ascontiguousarray(np.broadcast_to(np.asarray(value, dtype=np.float64), count))


def warm_up() -> None:
    """Compile (or load from numba's cache) every indicator kernel before any request."""
    ind.warm_up()
