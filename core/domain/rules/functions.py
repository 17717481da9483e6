"""The functions of the rules language: their arguments, result and defining pandas expression.

Argument kinds: `series` a numeric series; `window` an integer literal (or integer parameter)
in [minimum, MAX_WINDOW]; `number` a constant; `value` a series or a constant.
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_WINDOW = 100_000


@dataclass(frozen=True, slots=True)
class Function:
    name: str
    arguments: tuple[str, ...]
    boolean: bool
    definition: str
    min_window: int = 1

    @property
    def signature(self) -> str:
        names = [_ARGUMENT_NAMES[a] for a in self.arguments]
        if names == ["a", "a"]:
            names = ["a", "b"]
        return f"{self.name}({', '.join(names)})"


_ARGUMENT_NAMES = {"series": "x", "window": "n", "number": "k", "value": "a"}

_TR = (
    "tr = pd.concat([high - low, (high - close.shift(1)).abs(), "
    "(low - close.shift(1)).abs()], axis=1).max(axis=1)"
)
_WILDER = "ewm(alpha=1 / n, adjust=False, min_periods=n).mean()"

FUNCTIONS: dict[str, Function] = {
    f.name: f
    for f in (
        Function("sma", ("series", "window"), False, "x.rolling(n).mean()"),
        Function(
            "ema", ("series", "window"), False, "x.ewm(span=n, adjust=False, min_periods=n).mean()"
        ),
        Function(
            "rsi",
            ("series", "window"),
            False,
            f"d = x.diff(); g = d.clip(lower=0).{_WILDER}; "
            f"l = (-d).clip(lower=0).{_WILDER}; 100 - 100 / (1 + g / l)",
        ),
        Function("atr", ("window",), False, f"{_TR}; tr.{_WILDER}"),
        Function("stdev", ("series", "window"), False, "x.rolling(n).std()", min_window=2),
        Function("highest", ("series", "window"), False, "x.rolling(n).max()"),
        Function("lowest", ("series", "window"), False, "x.rolling(n).min()"),
        Function(
            "bb_upper",
            ("series", "window", "number"),
            False,
            "x.rolling(n).mean() + k * x.rolling(n).std()",
            min_window=2,
        ),
        Function(
            "bb_lower",
            ("series", "window", "number"),
            False,
            "x.rolling(n).mean() - k * x.rolling(n).std()",
            min_window=2,
        ),
        Function("shift", ("series", "window"), False, "x.shift(n)"),
        Function("crosses_above", ("value", "value"), True, "(a.shift(1) < b.shift(1)) & (a > b)"),
        Function("crosses_below", ("value", "value"), True, "(a.shift(1) > b.shift(1)) & (a < b)"),
    )
}
