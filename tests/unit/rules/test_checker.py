"""The type checker: series, numbers and conditions, windows, names, size bounds."""

from __future__ import annotations

from collections.abc import Mapping

import pytest

from core.domain.rules.checker import check_rule
from core.domain.rules.limits import MAX_DEPTH, MAX_NODES
from core.domain.rules.nodes import Binary, Call, Column, Number, RuleError
from tests.unit.rules.builders import PARSER


def check(text: str, parameters: Mapping[str, object] | None = None) -> object:
    return check_rule(PARSER.parse(text), parameters or {})


def error_of(text: str, parameters: Mapping[str, object] | None = None) -> str:
    with pytest.raises(RuleError) as raised:
        check(text, parameters)
    return str(raised.value)


@pytest.mark.parametrize(
    "text",
    [
        "close > open",
        "crosses_above(rsi(close, 14), 30)",
        "crosses_below(sma(close, 5), sma(close, 20)) or not (volume > 0)",
        "bb_upper(close, 20, 2.5) < high and atr(14) * 2 > high - low",
        "shift(close, 1) != close / 2",
        "true",
        "-close < -1",
    ],
)
def test_well_typed_rules_are_accepted(text: str) -> None:
    check(text)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "sma(close, 10)",
            "line 1, column 1: a rule must be a condition (true or false), not a series",
        ),
        ("1 + 2", "line 1, column 3: a rule must be a condition (true or false), not a number"),
        ("close and true", "line 1, column 7: 'and' joins conditions, not a series"),
        ("not close", "line 1, column 1: 'not' applies to conditions, not a series"),
        (
            "(close > 1) + 1 > 0",
            "line 1, column 13: '+' applies to numbers or series, not a condition",
        ),
        (
            "sma(close, 0) > 1",
            "line 1, column 12: sma's second argument must be a whole number "
            "from 1 to 100000 (a window of bars)",
        ),
        (
            "sma(close, 100001) > 1",
            "line 1, column 12: sma's second argument must be a whole "
            "number from 1 to 100000 (a window of bars)",
        ),
        (
            "sma(close, 2.0) > 1",
            "line 1, column 12: sma's second argument must be a whole number "
            "from 1 to 100000 (a window of bars)",
        ),
        (
            "sma(close, 1 + 1) > 1",
            "line 1, column 14: sma's second argument must be a whole number "
            "from 1 to 100000 (a window of bars)",
        ),
        (
            "stdev(close, 1) > 1",
            "line 1, column 14: stdev's second argument must be a whole number "
            "from 2 to 100000 (a window of bars)",
        ),
        ("sma(5, 3) > 1", "line 1, column 5: sma's first argument must be a series, not a number"),
        (
            "bb_upper(close, 20, open) > 1",
            "line 1, column 21: bb_upper's third argument must be a number, not a series",
        ),
        ("sma(close) > 1", "line 1, column 1: sma takes 2 arguments: sma(x, n)"),
        (
            "crosses_above(1, 2)",
            "line 1, column 1: crosses_above compares two values, at least one a series",
        ),
        (
            "eval(close) > 1",
            "line 1, column 1: unknown function 'eval'; the functions are atr, "
            "bb_lower, bb_upper, crosses_above, crosses_below, ema, highest, lowest, rsi, shift, "
            "sma, stdev",
        ),
        (
            "price > 1",
            "line 1, column 1: unknown name 'price'; the series are open, high, low, close, volume",
        ),
        ("sma > 1", "line 1, column 1: 'sma' is a function: call it as sma(x, n)"),
        ("close > 1e999", "line 1, column 9: the number is too large"),
    ],
)
def test_ill_typed_rules_are_refused_where_they_go_wrong(text: str, message: str) -> None:
    assert error_of(text) == message


def test_a_parameter_is_substituted_as_a_literal() -> None:
    checked = check_rule(PARSER.parse("sma(close, fast) > level"), {"fast": 10, "level": 1.5})

    assert checked.node == Binary(
        ">", Call("sma", (Column("close"), Number(10.0, integer=True))), Number(1.5)
    )


def test_a_fractional_parameter_cannot_be_a_window() -> None:
    assert "whole number" in error_of("sma(close, n) > 1", {"n": 10.0})


def test_a_parameter_that_is_not_a_number_is_refused() -> None:
    assert error_of("close > level", {"level": "high"}) == (
        "line 1, column 9: parameter 'level' must be a number"
    )


def test_the_series_names_win_over_parameters() -> None:
    checked = check_rule(PARSER.parse("close > 1"), {"close": 5})

    assert checked.node == Binary(">", Column("close"), Number(1.0, integer=True))


@pytest.mark.parametrize(
    ("text", "warmup"),
    [
        ("close > 1", 0),
        ("sma(close, 10) > 1", 9),
        ("crosses_above(sma(close, 10), sma(close, 40))", 39),
        ("rsi(close, 14) > 1", 14),
        ("atr(14) > 1", 13),
        ("shift(highest(high, 20), 1) > 1", 20),
        ("ema(ema(close, 12) - ema(close, 26), 9) > 0", 33),
    ],
)
def test_the_warm_up_is_the_first_bar_every_indicator_is_defined(text: str, warmup: int) -> None:
    assert check_rule(PARSER.parse(text), {}).warmup == warmup


def _balanced_sum(terms: int) -> str:
    if terms == 1:
        return "1"
    return f"({_balanced_sum(terms // 2)}+{_balanced_sum(terms - terms // 2)})"


def test_a_rule_with_too_many_terms_is_refused() -> None:
    text = _balanced_sum(MAX_NODES // 2 + 1) + " > 1"

    assert "the rule is too long" in error_of(text)


def test_a_rule_nested_too_deeply_is_refused_without_recursing() -> None:
    text = "sma(" * MAX_DEPTH + "close" + ", 2)" * MAX_DEPTH + " > 1"

    assert "nested too deeply" in error_of(text)


@pytest.mark.parametrize("value", [float("nan"), float("inf"), 10**400])
def test_a_parameter_that_is_not_a_finite_number_is_refused(value: object) -> None:
    assert error_of("close > level", {"level": value}) == (
        "line 1, column 9: parameter 'level' must be a finite number"
    )


def test_minus_zero_is_not_zero() -> None:
    positive = check_rule(PARSER.parse("close / 0 > 0"), {}).node
    negative = check_rule(PARSER.parse("close / -0 > 0"), {}).node

    assert positive != negative


def test_an_unknown_function_is_named_before_its_arguments_are_checked() -> None:
    assert error_of("system(rm) > 1").startswith("line 1, column 1: unknown function 'system'")
