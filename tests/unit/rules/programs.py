"""Generated rule texts: any well-typed rule the language accepts, of bounded size."""

from __future__ import annotations

from hypothesis import strategies as st

SERIES = ("open", "high", "low", "close", "volume")
WINDOWED = ("sma", "ema", "rsi", "stdev", "highest", "lowest", "shift")
WINDOW = st.sampled_from(["1", "2", "3", "5", "8"])
NUMBER = st.sampled_from(["0", "1", "2.5", "50", "0.001", "1e3", "100"])


@st.composite
def series_text(draw: st.DrawFn, depth: int = 2) -> str:
    choice = draw(st.integers(0, 5 if depth > 0 else 1))
    if choice <= 1:
        return draw(st.sampled_from(SERIES))
    if choice == 2:
        function = draw(st.sampled_from(WINDOWED))
        window = draw(WINDOW)
        if function == "stdev" and window == "1":
            window = "2"
        return f"{function}({draw(series_text(depth - 1))}, {window})"
    if choice == 3:
        side = draw(st.sampled_from(["bb_upper", "bb_lower"]))
        window = draw(WINDOW.filter(lambda w: w != "1"))
        return f"{side}({draw(series_text(depth - 1))}, {window}, {draw(NUMBER)})"
    if choice == 4:
        return f"atr({draw(WINDOW)})"
    op = draw(st.sampled_from(["+", "-", "*", "/"]))
    right = draw(st.one_of(series_text(depth - 1), NUMBER))
    return f"({draw(series_text(depth - 1))} {op} {right})"


@st.composite
def condition_text(draw: st.DrawFn, depth: int = 2) -> str:
    choice = draw(st.integers(0, 4 if depth > 0 else 1))
    if choice == 0:
        op = draw(st.sampled_from(["<", "<=", ">", ">=", "==", "!="]))
        return f"{draw(series_text())} {op} {draw(st.one_of(series_text(), NUMBER))}"
    if choice == 1:
        cross = draw(st.sampled_from(["crosses_above", "crosses_below"]))
        return f"{cross}({draw(series_text())}, {draw(st.one_of(series_text(), NUMBER))})"
    if choice == 2:
        return f"not ({draw(condition_text(depth - 1))})"
    if choice == 3:
        op = draw(st.sampled_from(["and", "or"]))
        return f"({draw(condition_text(depth - 1))}) {op} ({draw(condition_text(depth - 1))})"
    return draw(st.sampled_from(["true", "false", "1 < 2"]))


@st.composite
def rule_sets(draw: st.DrawFn) -> dict[str, str]:
    rules = {"entry": draw(condition_text()), "exit": draw(condition_text())}
    for name in ("short_entry", "short_exit"):
        if draw(st.booleans()):
            rules[name] = draw(condition_text())
    return rules
