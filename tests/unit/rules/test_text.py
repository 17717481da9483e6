"""A checked rule written back as text reads back as the same rule."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from core.domain.rules.checker import check_rule
from tests.unit.rules.builders import COMPILER, PARSER
from tests.unit.rules.programs import rule_sets


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rules=rule_sets())
def test_the_text_of_a_checked_rule_parses_back_to_that_rule(rules: dict[str, str]) -> None:
    program = COMPILER.compile("rules", {}, rules)

    for name, text in program.texts().items():
        assert check_rule(PARSER.parse(text), {}).node == program.rules()[name]


def test_a_kind_shows_its_rules_with_the_parameters_in_place() -> None:
    program = COMPILER.compile("macd", {"fast": 5, "slow": 35, "signal": 5}, None)

    assert program.texts() == {
        "entry": "crosses_above(ema(close, 5) - ema(close, 35), "
        "ema(ema(close, 5) - ema(close, 35), 5))",
        "exit": "crosses_below(ema(close, 5) - ema(close, 35), "
        "ema(ema(close, 5) - ema(close, 35), 5))",
    }


def test_parentheses_are_kept_only_where_they_matter() -> None:
    program = COMPILER.compile(
        "rules",
        {},
        {
            "entry": "((close - (open - 1)) * -(high + 2)) > (1) and not (true or false)",
            "exit": "-0.5 > close",
        },
    )

    assert program.texts() == {
        "entry": "(close - (open - 1)) * -(high + 2) > 1 and not (true or false)",
        "exit": "-0.5 > close",
    }
