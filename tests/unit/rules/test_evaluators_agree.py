"""The vectorised evaluator gives exactly the reference's Signals, whatever the rules."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from adapters.outbound.engine.fast.evaluate import evaluate as fast_evaluate
from core.domain.engine.bars import Bars
from core.domain.rules.evaluate import evaluate
from tests.unit.rules.builders import COMPILER, as_arrays, assert_same_signals, bars, program
from tests.unit.rules.programs import rule_sets

SLOW = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SLOW
@given(rules=rule_sets(), prices=bars(max_size=60))
def test_both_evaluators_give_identical_signals_for_any_rules(
    rules: dict[str, str], prices: Bars
) -> None:
    program = COMPILER.compile("rules", {}, rules)

    reference = evaluate(program, prices)
    vectorised = fast_evaluate(program, as_arrays(prices))

    assert_same_signals(vectorised, reference)


def test_no_bars_give_empty_signals_that_start_at_bar_one() -> None:
    program = COMPILER.compile("sma_crossover", {}, None)
    empty = Bars([], [], [], [], [], [])

    assert_same_signals(fast_evaluate(program, as_arrays(empty)), evaluate(program, empty))
    assert (len(evaluate(program, empty)), evaluate(program, empty).start) == (0, 1)


def test_dividing_by_minus_zero_is_minus_infinity_in_both_evaluators() -> None:
    rules = program("close / 0 > 0", "close / -0 > 0")
    prices = Bars([0, 1], [1.0, 1.0], [1.0, 1.0], [1.0, 1.0], [1.0, 1.0], [0.0, 0.0])

    for signals in (evaluate(rules, prices), fast_evaluate(rules, as_arrays(prices))):
        assert [bool(v) for v in signals.entry] == [True, True]
        assert [bool(v) for v in signals.exit] == [False, False]
