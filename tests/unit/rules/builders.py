"""Test data for the rules language: generated series and bars, and bit-level comparison."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from hypothesis import strategies as st

from adapters.outbound.rules.lark_parser import LarkRulesParser
from core.domain.engine.bars import Bars
from core.domain.engine.signals import Signals
from core.domain.rules.compiler import RulesCompiler
from core.domain.rules.program import StrategyProgram

PARSER = LarkRulesParser()
COMPILER = RulesCompiler(PARSER)
WINDOWS = (1, 2, 3, 5, 14, 30)


def program(entry: str, exit: str, **more: str) -> StrategyProgram:
    return COMPILER.compile("rules", {}, {"entry": entry, "exit": exit, **more})


def assert_same_bits(actual: Sequence[float], expected: Sequence[float]) -> None:
    """Equal to the last bit: NaN in the same places, every other value bit for bit."""
    a = np.asarray(actual, dtype=np.float64)
    b = np.asarray(expected, dtype=np.float64)
    assert a.shape == b.shape
    nan = np.isnan(a)
    assert np.array_equal(nan, np.isnan(b)), "NaN positions differ"
    differ = np.flatnonzero(a[~nan].view(np.uint64) != b[~nan].view(np.uint64))
    assert differ.size == 0, (
        f"{differ.size} values differ, first at {np.flatnonzero(~nan)[differ[0]]}"
    )


def assert_same_signals(actual: Signals, expected: Signals) -> None:
    assert actual.start == expected.start
    for name in ("entry", "exit", "short_entry", "short_exit"):
        assert [bool(v) for v in getattr(actual, name)] == [
            bool(v) for v in getattr(expected, name)
        ], name


@st.composite
def series(draw: st.DrawFn, min_size: int = 1, max_size: int = 120) -> list[float]:
    """NaN-free series with runs of equal values, at one scale or mixing wildly different ones."""
    scale = draw(st.sampled_from([1e-9, 1e-3, 1.0, 97.3, 1e6, 1e13]))
    step = st.floats(-1000, 1000, allow_nan=False, allow_infinity=False)
    if draw(st.booleans()):
        step = st.one_of(step, st.floats(-1e12, 1e12, allow_nan=False, allow_infinity=False))
    runs = draw(st.lists(st.tuples(step, st.integers(1, 8)), min_size=1, max_size=max_size))
    values: list[float] = []
    for value, repeat in runs:
        values += [value * scale] * repeat
    values = values[:max_size]
    if len(values) < min_size:
        values += [values[-1]] * (min_size - len(values))
    return values


@st.composite
def bars(draw: st.DrawFn, min_size: int = 1, max_size: int = 120) -> Bars:
    """Positive OHLC bars (high >= open, close >= low) on a random walk with flat stretches."""
    count = draw(st.integers(min_size, max_size))
    moves = draw(st.lists(st.sampled_from([-3, -1, 0, 0, 0, 1, 2]), min_size=count, max_size=count))
    tick = draw(st.sampled_from([0.001, 0.01, 0.25]))
    closes, opens, highs, lows = [], [], [], []
    price = 1000
    for move in moves:
        opened = price
        price = max(1, price + move)
        opens.append(opened * tick)
        closes.append(price * tick)
        highs.append((max(opened, price) + draw(st.integers(0, 2))) * tick)
        lows.append((max(1, min(opened, price) - draw(st.integers(0, 2)))) * tick)
    volume = [float(draw(st.integers(0, 5))) for _ in range(count)]
    return Bars(list(range(count)), opens, highs, lows, closes, volume)


def as_arrays(bars: Bars) -> Bars:
    return Bars(
        np.asarray(bars.times, dtype=np.int64),
        *(np.asarray(c, dtype=np.float64) for c in (bars.open, bars.high, bars.low, bars.close)),
        np.asarray(bars.volume, dtype=np.float64),
    )
