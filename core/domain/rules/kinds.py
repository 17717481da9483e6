"""The built-in strategy kinds (GET /strategies/kinds), each written in the rules language.

Events, not levels: a rule like `rsi(close, 14) < 30` would be true on many bars in a row,
and every true entry closes and reopens the position (exclusive orders); crosses fire once.
"""

from __future__ import annotations

from core.domain.rules.functions import MAX_WINDOW
from core.domain.rules.kind import Kind, LessThan, Parameter

RULES_KIND = "rules"  # a template that carries its own rule texts

SHORT = Parameter(
    "short",
    "int",
    0,
    0,
    1,
    "1 adds the mirror rules (short_entry, short_exit); execution.allow_short then decides "
    "whether a short entry opens a short or only closes the long",
)


def _window(name: str, default: int, description: str, minimum: int = 1) -> Parameter:
    return Parameter(name, "int", default, minimum, MAX_WINDOW, description)


def _crossover(name: str, average: str, fast: int, slow: int, title: str) -> Kind:
    fast_line, slow_line = f"{average}(close, fast)", f"{average}(close, slow)"
    above = f"crosses_above({fast_line}, {slow_line})"
    below = f"crosses_below({fast_line}, {slow_line})"
    return Kind(
        name,
        f"Long when the fast {title} of the close crosses above the slow one; "
        "out when it crosses back below.",
        (
            _window("fast", fast, f"bars of the fast {title}"),
            _window("slow", slow, f"bars of the slow {title}"),
            SHORT,
        ),
        (("entry", above), ("exit", below)),
        (LessThan("fast", "slow"),),
        (("short_entry", below), ("short_exit", above)),
    )


_MACD = "ema(close, fast) - ema(close, slow)"
_BREAKOUT_UP = "crosses_above(close, shift(highest(high, period), 1))"
_BREAKOUT_DOWN = "crosses_below(close, shift(lowest(low, period), 1))"

KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        Kind(
            "buy_and_hold",
            "Buys at the first bar it can and holds to the end.",
            (),
            (("entry", "true"), ("exit", "false")),
            entry_once=True,
        ),
        _crossover("sma_crossover", "sma", 10, 30, "simple moving average"),
        _crossover("ema_crossover", "ema", 12, 26, "exponential moving average"),
        Kind(
            "rsi_reversion",
            "Long when the RSI falls below the lower level (oversold); out when it rises "
            "above the upper level (overbought).",
            (
                _window("period", 14, "bars of Wilder's RSI"),
                Parameter("lower", "float", 30.0, 0.0, 100.0, "oversold level"),
                Parameter("upper", "float", 70.0, 0.0, 100.0, "overbought level"),
                SHORT,
            ),
            (
                ("entry", "crosses_below(rsi(close, period), lower)"),
                ("exit", "crosses_above(rsi(close, period), upper)"),
            ),
            (LessThan("lower", "upper"),),
            (
                ("short_entry", "crosses_above(rsi(close, period), upper)"),
                ("short_exit", "crosses_below(rsi(close, period), lower)"),
            ),
        ),
        Kind(
            "bollinger_reversion",
            "Long when the close falls below the lower Bollinger band; out when it rises "
            "back above the middle band (the moving average).",
            (
                _window("period", 20, "bars of the moving average and deviation", minimum=2),
                Parameter("k", "float", 2.0, 0.01, 100.0, "band width in standard deviations"),
                SHORT,
            ),
            (
                ("entry", "crosses_below(close, bb_lower(close, period, k))"),
                ("exit", "crosses_above(close, sma(close, period))"),
            ),
            short_rules=(
                ("short_entry", "crosses_above(close, bb_upper(close, period, k))"),
                ("short_exit", "crosses_below(close, sma(close, period))"),
            ),
        ),
        Kind(
            "donchian_breakout",
            "Long when the close breaks above the highest high of the previous `period` "
            "bars; out when it breaks below their lowest low.",
            (_window("period", 20, "bars of the channel"), SHORT),
            (("entry", _BREAKOUT_UP), ("exit", _BREAKOUT_DOWN)),
            short_rules=(("short_entry", _BREAKOUT_DOWN), ("short_exit", _BREAKOUT_UP)),
        ),
        Kind(
            "macd",
            "Long when the MACD line (fast EMA - slow EMA of the close) crosses above its "
            "signal line (an EMA of the MACD line); out when it crosses back below.",
            (
                _window("fast", 12, "bars of the fast EMA"),
                _window("slow", 26, "bars of the slow EMA"),
                _window("signal", 9, "bars of the signal line's EMA"),
                SHORT,
            ),
            (
                ("entry", f"crosses_above({_MACD}, ema({_MACD}, signal))"),
                ("exit", f"crosses_below({_MACD}, ema({_MACD}, signal))"),
            ),
            (LessThan("fast", "slow"),),
            (
                ("short_entry", f"crosses_below({_MACD}, ema({_MACD}, signal))"),
                ("short_exit", f"crosses_above({_MACD}, ema({_MACD}, signal))"),
            ),
        ),
    )
}
