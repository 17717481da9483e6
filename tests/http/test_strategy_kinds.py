"""Published kinds, templates checked on save and without saving."""

from __future__ import annotations

from tests.http.conftest import Api

KINDS = {
    "buy_and_hold",
    "sma_crossover",
    "ema_crossover",
    "rsi_reversion",
    "bollinger_reversion",
    "donchian_breakout",
    "macd",
}


async def test_every_built_in_kind_is_published_with_its_parameters(api: Api) -> None:
    status, body = await api.call("GET", "/api/v1/strategies/kinds")

    by_name = {kind["name"]: kind for kind in body["items"]}
    assert status == 200
    assert set(by_name) == KINDS
    fast = next(p for p in by_name["sma_crossover"]["parameters"] if p["name"] == "fast")
    assert (fast["type"], fast["minimum"]) == ("int", 1)
    assert "fast < slow" in by_name["sma_crossover"]["constraints"]


async def test_a_template_is_validated_without_being_saved(api: Api) -> None:
    template = {"kind": "sma_crossover", "parameters": {"fast": 10, "slow": 40}}

    status, body = await api.call("POST", "/api/v1/strategies/validate", json=template)
    _, listed = await api.call("GET", "/api/v1/strategies")

    assert status == 200
    assert (body["valid"], body["kind"], body["rules"]) == (
        True,
        "sma_crossover",
        ["entry", "exit"],
    )
    assert body["warmup"] >= 39
    assert listed["items"] == []


async def test_invalid_combinations_name_the_parameter(api: Api) -> None:
    template = {"kind": "sma_crossover", "parameters": {"fast": 50, "slow": 40}}

    status, problem = await api.call("POST", "/api/v1/strategies/validate", json=template)

    assert status == 422
    assert any(field.startswith("parameters.") for field in problem["errors"])


async def test_an_unknown_kind_is_refused_on_save(api: Api) -> None:
    status, problem = await api.call(
        "POST", "/api/v1/strategies", json={"name": "x", "kind": "moving_average_crossover"}
    )

    assert status == 422
    assert "kind" in problem["errors"]


async def test_a_rule_with_a_syntax_error_names_its_line_and_column(api: Api) -> None:
    rules = {"entry": "crosses_above(sma(close, 10), )", "exit": "close < open"}

    status, problem = await api.call(
        "POST", "/api/v1/strategies", json={"name": "r", "rules": rules}
    )

    assert status == 422
    assert "rules.entry" in problem["errors"]
    assert "line 1, column" in problem["errors"]["rules.entry"][0]


async def test_a_rules_template_is_saved_with_its_rules(api: Api) -> None:
    rules = {
        "entry": "crosses_above(sma(close, 10), sma(close, 40))",
        "exit": "crosses_below(sma(close, 10), sma(close, 40))",
    }

    status, saved = await api.call("POST", "/api/v1/strategies", json={"name": "r", "rules": rules})

    assert status == 201
    assert (saved["kind"], saved["rules"]) == ("rules", rules)


async def test_python_is_not_part_of_the_language(api: Api) -> None:
    rules = {"entry": "close.__class__", "exit": "__import__('os')"}

    status, problem = await api.call("POST", "/api/v1/strategies/validate", json={"rules": rules})

    assert status == 422
    assert set(problem["errors"]) & {"rules.entry", "rules.exit"}
