"""Built-in kinds: their published schema, parameter checks, and that a kind is its rules."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from adapters.outbound.engine.fast.evaluate import evaluate as fast_evaluate
from core.domain.engine.bars import Bars
from core.domain.errors import RuleViolated
from core.domain.rules.evaluate import evaluate
from core.domain.rules.kinds import KINDS
from tests.unit.rules.builders import COMPILER, as_arrays, assert_same_signals, bars, program

SLOW = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
EXPECTED_KINDS = {
    "buy_and_hold", "sma_crossover", "ema_crossover", "rsi_reversion", "bollinger_reversion",
    "donchian_breakout", "macd",
}  # fmt: skip


def violation(kind: str, parameters: dict[str, Any]) -> tuple[str | None, str]:
    with pytest.raises(RuleViolated) as raised:
        COMPILER.compile(kind, parameters, None)
    return raised.value.field, raised.value.detail


def test_the_catalogue_holds_the_seven_kinds() -> None:
    assert set(KINDS) == EXPECTED_KINDS


@pytest.mark.parametrize("name", sorted(EXPECTED_KINDS))
def test_each_kind_publishes_its_schema_as_plain_data(name: str) -> None:
    data = KINDS[name].as_data()

    assert data["name"] == name
    assert data["description"]
    for parameter in data["parameters"]:
        assert parameter["type"] in ("int", "float")
        assert parameter["minimum"] <= parameter["default"] <= parameter["maximum"]
        assert parameter["description"]
    assert set(data["rules"]) == {"entry", "exit"}


@pytest.mark.parametrize("name", sorted(EXPECTED_KINDS))
def test_each_kind_compiles_with_its_defaults(name: str) -> None:
    compiled = COMPILER.compile(name, {}, None)

    assert compiled.short_entry is None
    assert compiled.short_exit is None


@pytest.mark.parametrize("name", sorted(EXPECTED_KINDS - {"buy_and_hold"}))
def test_short_one_adds_the_mirror_rules(name: str) -> None:
    compiled = COMPILER.compile(name, {"short": 1}, None)

    assert compiled.short_entry is not None
    assert compiled.short_exit is not None


def test_sma_crossover_is_exactly_its_rules() -> None:
    kind = COMPILER.compile("sma_crossover", {"fast": 10, "slow": 40}, None)
    written = program(
        "crosses_above(sma(close, 10), sma(close, 40))",
        "crosses_below(sma(close, 10), sma(close, 40))",
    )

    assert kind == written


@SLOW
@given(prices=bars(min_size=1, max_size=120))
def test_sma_crossover_gives_the_signals_of_its_rules(prices: Bars) -> None:
    kind = COMPILER.compile("sma_crossover", {"fast": 10, "slow": 40}, None)
    written = program(
        "crosses_above(sma(close, 10), sma(close, 40))",
        "crosses_below(sma(close, 10), sma(close, 40))",
    )

    assert_same_signals(evaluate(kind, prices), evaluate(written, prices))
    assert_same_signals(fast_evaluate(kind, as_arrays(prices)), evaluate(written, prices))


def test_buy_and_hold_enters_once_at_the_first_bar_and_never_exits() -> None:
    prices = Bars(list(range(5)), *([[1.0, 2.0, 3.0, 2.0, 1.0]] * 4), [0.0] * 5)
    compiled = COMPILER.compile("buy_and_hold", {}, None)

    for signals in (evaluate(compiled, prices), fast_evaluate(compiled, as_arrays(prices))):
        assert [bool(v) for v in signals.entry] == [False, True, False, False, False]
        assert not any(signals.exit)
        assert signals.start == 1


@pytest.mark.parametrize(
    ("kind", "parameters", "field", "detail"),
    [
        (
            "sma_crossover",
            {"fast": 40, "slow": 10},
            "parameters.fast",
            "fast must be less than slow",
        ),
        ("sma_crossover", {"fast": 10.0}, "parameters.fast", "must be a whole number"),
        ("sma_crossover", {"fast": True}, "parameters.fast", "must be a number"),
        ("sma_crossover", {"fast": "10"}, "parameters.fast", "must be a number"),
        ("sma_crossover", {"fast": 0}, "parameters.fast", "must be from 1 to 100000"),
        (
            "sma_crossover",
            {"speed": 3},
            "parameters.speed",
            "unknown parameter for sma_crossover (it takes fast, slow, short)",
        ),
        (
            "buy_and_hold",
            {"fast": 3},
            "parameters.fast",
            "unknown parameter for buy_and_hold (it takes no parameters)",
        ),
        ("rsi_reversion", {"lower": 80}, "parameters.lower", "lower must be less than upper"),
        ("rsi_reversion", {"upper": 101}, "parameters.upper", "must be from 0.0 to 100.0"),
        ("bollinger_reversion", {"period": 1}, "parameters.period", "must be from 2 to 100000"),
        ("macd", {"short": 2}, "parameters.short", "must be from 0 to 1"),
    ],
)
def test_bad_parameters_are_refused_naming_the_field(
    kind: str, parameters: dict[str, Any], field: str, detail: str
) -> None:
    assert violation(kind, parameters) == (field, detail)


def test_a_float_parameter_takes_a_whole_number() -> None:
    compiled = COMPILER.compile("rsi_reversion", {"lower": 25, "upper": 75.5}, None)

    assert compiled == COMPILER.compile("rsi_reversion", {"lower": 25.0, "upper": 75.5}, None)
