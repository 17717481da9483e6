"""Nothing at a bar depends on later bars: changing the future moves no past value or signal."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from adapters.outbound.engine.fast.evaluate import evaluate as fast_evaluate
from core.domain.engine.bars import Bars
from core.domain.engine.signals import Signals
from core.domain.rules.evaluate import evaluate
from core.domain.rules.program import StrategyProgram
from tests.unit.rules.builders import COMPILER, WINDOWS, as_arrays, assert_same_bits, bars, series
from tests.unit.rules.implementations import IMPLEMENTATIONS
from tests.unit.rules.programs import rule_sets

SLOW = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize("implementation", sorted(IMPLEMENTATIONS))
@pytest.mark.parametrize("indicator", sorted(IMPLEMENTATIONS["reference"]))
@SLOW
@given(past=series(max_size=60), future=series(max_size=30), other=series(max_size=30))
def test_an_indicator_value_never_depends_on_later_values(
    implementation: str, indicator: str, past: list[float], future: list[float], other: list[float]
) -> None:
    compute = IMPLEMENTATIONS[implementation][indicator]
    for window in WINDOWS[1:]:
        before = compute(past + future, window)
        after = compute(past + other, window)

        assert_same_bits(list(before)[: len(past)], list(after)[: len(past)])


def _with_future(prices: Bars, cut: int, future: Bars) -> Bars:
    columns = ("open", "high", "low", "close", "volume")
    joined = {
        name: list(getattr(prices, name))[:cut] + list(getattr(future, name)) for name in columns
    }
    return Bars(list(range(cut + len(future))), *joined.values())


@pytest.mark.parametrize("evaluator", [evaluate, fast_evaluate], ids=["reference", "vectorised"])
@SLOW
@given(
    rules=rule_sets(),
    prices=bars(min_size=2, max_size=60),
    future=bars(max_size=20),
    data=st.data(),
)
def test_a_signal_never_depends_on_later_bars(
    evaluator: Callable[[StrategyProgram, Bars], Signals],
    rules: dict[str, str],
    prices: Bars,
    future: Bars,
    data: st.DataObject,
) -> None:
    program = COMPILER.compile("rules", {}, rules)
    cut = data.draw(st.integers(1, len(prices)))
    changed = _with_future(prices, cut, future)

    original = evaluator(program, as_arrays(prices))
    altered = evaluator(program, as_arrays(changed))

    for name in ("entry", "exit", "short_entry", "short_exit"):
        assert list(getattr(original, name))[:cut] == list(getattr(altered, name))[:cut], name
    if max(original.start, altered.start) <= cut:
        assert original.start == altered.start
