"""The lark parser: the language's syntax, and errors that say where and what was expected."""

from __future__ import annotations

import pytest

from adapters.outbound.rules.lark_parser import LarkRulesParser
from core.domain.rules.limits import MAX_RULE_CHARS
from core.domain.rules.nodes import Binary, Boolean, Call, Name, Number, RuleError, Unary
from tests.unit.rules.builders import PARSER


def error_of(text: str) -> str:
    with pytest.raises(RuleError) as raised:
        PARSER.parse(text)
    return str(raised.value)


def test_a_crossover_rule_parses_into_calls_with_positions() -> None:
    tree = PARSER.parse("crosses_above(sma(close, 10), sma(close, 40))")

    assert tree == Call(
        "crosses_above",
        (
            Call("sma", (Name("close"), Number(10.0, integer=True))),
            Call("sma", (Name("close"), Number(40.0, integer=True))),
        ),
    )
    assert isinstance(tree, Call)
    assert (tree.args[1].line, tree.args[1].column) == (1, 31)


def test_operators_bind_as_in_python_and_not_binds_looser_than_comparisons() -> None:
    tree = PARSER.parse("not close > 1 + 2 * -open or volume == 0 and true")

    assert tree == Binary(
        "or",
        Unary("not", Binary(">", Name("close"), Binary("+", Number(1.0, True), Binary(
            "*", Number(2.0, True), Unary("-", Name("open")))))),
        Binary("and", Binary("==", Name("volume"), Number(0.0, True)), Boolean(True)),
    )  # fmt: skip


def test_arithmetic_is_left_associative() -> None:
    assert PARSER.parse("close - open - 1") == Binary(
        "-", Binary("-", Name("close"), Name("open")), Number(1.0, True)
    )


@pytest.mark.parametrize(
    ("text", "value", "integer"),
    [("10", 10.0, True), ("2.5", 2.5, False), (".5", 0.5, False), ("1e3", 1000.0, False)],
)
def test_numbers_remember_whether_they_were_written_as_whole_numbers(
    text: str, value: float, integer: bool
) -> None:
    assert PARSER.parse(f"close > {text}") == Binary(">", Name("close"), Number(value, integer))


def test_a_rule_may_span_lines_and_errors_name_the_line() -> None:
    assert error_of("close > 1 and\n  sma(close 10) > 2") == (
        "line 2, column 13: expected ')', ',' or an operator, found '10'"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("sma(close, 10", "line 1, column 14: expected ')', ',' or an operator, found the end"),
        (
            "close >",
            "line 1, column 8: expected a value (a number, a series, a function call "
            "or '('), found the end",
        ),
        ("close > 1)", "line 1, column 10: expected an operator or the end of the rule, found ')'"),
        ("(close > 1", "line 1, column 11: expected ')' or an operator, found the end"),
        ("1 < close < 2", "line 1, column 11: comparisons cannot be chained; use 'and'"),
        ("close = open", "line 1, column 7: unexpected '='; compare with '=='"),
        ("close > 1 && open > 1", "line 1, column 11: unexpected '&'; use 'and'"),
        (
            "close.shift(1) > 1",
            "line 1, column 6: attribute access is not part of the rules language",
        ),
        (
            "close[1] > 1",
            "line 1, column 6: subscripts are not part of the rules language; "
            "use shift(x, n) for past values",
        ),
        ("close > 'a'", "line 1, column 9: strings are not part of the rules language"),
        ("   ", "line 1, column 1: the rule is empty"),
    ],
)
def test_a_syntax_error_names_line_column_and_what_was_expected(text: str, message: str) -> None:
    assert error_of(text) == message


@pytest.mark.parametrize(
    "text",
    [
        "__import__('os').system('true')",
        "close.__class__",
        "(lambda: 1)()",
        "[c for c in close]",
        "close if open else high",
        "sma(close, 10)(1)",
        "x := 1",
    ],
)
def test_python_is_not_the_language(text: str) -> None:
    with pytest.raises(RuleError):
        PARSER.parse(text)


def test_an_overlong_rule_is_refused_before_parsing() -> None:
    assert error_of("1" * (MAX_RULE_CHARS + 1)) == (
        f"line 1, column 1: a rule is at most {MAX_RULE_CHARS} characters"
    )


def test_deep_parentheses_do_not_exhaust_the_parser() -> None:
    depth = MAX_RULE_CHARS // 2 - 10

    assert PARSER.parse("(" * depth + "close" + ")" * depth) == Name("close")


def test_a_text_read_again_gives_the_same_tree_and_a_bad_one_the_same_error() -> None:
    parser = LarkRulesParser(remembered=2)
    first = parser.parse("close > sma(close, 5)")

    assert parser.parse("close > sma(close, 5)") is first
    assert parser.parse("close > sma(close, 6)") != first
    for _ in range(2):
        with pytest.raises(RuleError, match="expected"):
            parser.parse("close > ")
    parser.parse("open > 1"), parser.parse("high > 1")  # the first tree is forgotten
    again = parser.parse("close > sma(close, 5)")
    assert again == first
    assert again is not first
