"""RulesCompiler, which also validates a template without saving it: errors name the field."""

from __future__ import annotations

from typing import Any

import pytest

from core.domain.errors import RuleViolated
from core.domain.rules.nodes import Boolean
from tests.unit.rules.builders import COMPILER


def violation(kind: str, parameters: Any, rules: Any) -> tuple[str | None, str]:
    with pytest.raises(RuleViolated) as raised:
        COMPILER.compile(kind, parameters, rules)
    return raised.value.field, raised.value.detail


def test_rules_of_a_template_compile_with_its_parameters_substituted() -> None:
    compiled = COMPILER.compile(
        "rules",
        {"fast": 5, "slow": 20, "unused": "kept for the frontend"},
        {"entry": "crosses_above(sma(close, fast), sma(close, slow))", "exit": "false"},
    )

    assert compiled.warmup == 19
    assert compiled.exit == Boolean(False)


@pytest.mark.parametrize(
    ("kind", "parameters", "rules", "field", "detail"),
    [
        (
            "rules",
            {},
            {"entry": "close > (1", "exit": "false"},
            "rules.entry",
            "line 1, column 11: expected ')' or an operator, found the end",
        ),
        (
            "rules",
            {},
            {"entry": "true", "exit": "close"},
            "rules.exit",
            "line 1, column 1: a rule must be a condition (true or false), not a series",
        ),
        ("rules", {}, {"entry": "true"}, "rules.exit", "the exit rule is required"),
        (
            "rules",
            {},
            {"entry": "true", "exit": "false", "stop": "true"},
            "rules.stop",
            "unknown rule 'stop'; rules are entry, exit, short_entry, short_exit",
        ),
        ("rules", {}, {"entry": 3, "exit": "false"}, "rules.entry", "a rule is a text"),
        ("rules", {}, None, "rules", "kind 'rules' needs rules: entry and exit"),
        (
            "rules",
            [],
            {"entry": "true", "exit": "false"},
            "parameters",
            "parameters must be an object",
        ),
        (
            "custom",
            {},
            None,
            "kind",
            "unknown kind 'custom'; the kinds are buy_and_hold, "
            "sma_crossover, ema_crossover, rsi_reversion, bollinger_reversion, donchian_breakout, "
            "macd, rules",
        ),
        (
            "sma_crossover",
            {},
            {"entry": "true", "exit": "false"},
            "rules",
            "rules are read only for kind 'rules'",
        ),
    ],
)
def test_an_invalid_template_is_refused_naming_the_field(
    kind: str, parameters: Any, rules: Any, field: str, detail: str
) -> None:
    assert violation(kind, parameters, rules) == (field, detail)


def test_an_overlong_rule_is_refused_naming_the_field() -> None:
    field, detail = violation("rules", {}, {"entry": "true" + " " * 5000, "exit": "false"})

    assert (field, detail) == ("rules.entry", "a rule is at most 2000 characters")


def test_a_blank_optional_rule_is_no_rule_but_a_blank_exit_is_missing() -> None:
    compiled = COMPILER.compile(
        "rules", {}, {"entry": "true", "exit": "false", "short_entry": "  ", "short_exit": None}
    )

    assert compiled.short_entry is None
    assert compiled.short_exit is None
    assert violation("rules", {}, {"entry": "true", "exit": " "}) == (
        "rules.exit",
        "the exit rule is required",
    )
