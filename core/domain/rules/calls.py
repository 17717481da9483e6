"""Checking a function call: the name, the number and kind of arguments, the windows."""

from __future__ import annotations

from core.domain.rules.checked import NUMERIC, Checked, Type, error
from core.domain.rules.functions import FUNCTIONS, MAX_WINDOW, Function
from core.domain.rules.nodes import Call, Number

_ORDINALS = ("first", "second", "third")


def function_of(node: Call) -> Function:
    function = FUNCTIONS.get(node.function)
    if function is None:
        known = ", ".join(sorted(FUNCTIONS))
        raise error(node, f"unknown function '{node.function}'; the functions are {known}")
    return function


def check_call(node: Call, args: list[Checked]) -> Checked:
    """`args` are the call's arguments, checked; the function is known (function_of)."""
    function = function_of(node)
    if len(args) != len(function.arguments):
        count = len(function.arguments)
        raise error(
            node,
            f"{function.name} takes {count} argument{'s' if count > 1 else ''}: "
            f"{function.signature}",
        )
    for position, (kind, arg) in enumerate(zip(function.arguments, args, strict=True)):
        _argument(function, _ORDINALS[position], kind, arg)
    resolved = Call(node.function, tuple(a.node for a in args), node.line, node.column)
    warmup = max((a.warmup for a in args), default=0)
    if function.boolean:
        if all(a.type is Type.NUMBER for a in args):
            raise error(node, f"{function.name} compares two values, at least one a series")
        return Checked(resolved, Type.CONDITION, 0, warmup)
    lag = _lag(function, args)
    return Checked(resolved, Type.SERIES, lag, max(warmup, lag))


def _argument(function: Function, ordinal: str, kind: str, arg: Checked) -> None:
    what = f"{function.name}'s {ordinal} argument must be"
    if kind == "window":
        node = arg.node
        if not (
            isinstance(node, Number)
            and node.integer
            and function.min_window <= node.value <= MAX_WINDOW
        ):
            raise error(
                node,
                f"{what} a whole number from {function.min_window} to {MAX_WINDOW} "
                "(a window of bars)",
            )
        return
    allowed = {"series": (Type.SERIES,), "value": NUMERIC, "number": (Type.NUMBER,)}[kind]
    if arg.type not in allowed:
        wanted = " or ".join(t.article for t in allowed)
        raise error(arg.node, f"{what} {wanted}, not {arg.type.article}")


def _lag(function: Function, args: list[Checked]) -> int:
    """The first bar at which the result is defined, when its inputs have no NaN."""
    window_node = args[function.arguments.index("window")].node
    assert isinstance(window_node, Number)
    window = int(window_node.value)
    if function.name == "atr":
        return window - 1
    source = args[0].lag
    if function.name in ("rsi", "shift"):
        return source + window
    return source + window - 1
