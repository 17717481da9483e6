from __future__ import annotations

from tests.http.conftest import FIRST_BACKTEST, Api

STRATEGIES = "/api/v1/strategies"


async def test_a_strategy_is_created_read_changed_and_deleted(api: Api) -> None:
    status, created = await api.call(
        "POST",
        STRATEGIES,
        json={"name": "SMA", "kind": "sma_crossover", "parameters": {"fast": 5}},
    )
    assert status == 201
    path = f"{STRATEGIES}/{created['id']}"

    assert (await api.call("GET", path)) == (200, created)
    status, changed = await api.call("PUT", path, json={"description": "Fast SMA"})
    assert status == 200
    assert changed["description"] == "Fast SMA"
    assert changed["parameters"] == {"fast": 5}
    assert (await api.call("DELETE", path))[0] == 204
    assert (await api.call("GET", path))[0] == 404


async def test_a_name_taken_by_the_same_user_is_a_conflict_whatever_the_case(api: Api) -> None:
    await api.call("POST", STRATEGIES, json={"name": "Breakout", "kind": "buy_and_hold"})

    status, problem = await api.call(
        "POST", STRATEGIES, json={"name": "breakout", "kind": "buy_and_hold"}
    )

    assert status == 409
    assert problem["title"] == "Conflict"


async def test_renaming_onto_a_taken_name_is_a_conflict_and_keeps_the_old_name(api: Api) -> None:
    await api.call("POST", STRATEGIES, json={"name": "A", "kind": "buy_and_hold"})
    _, other = await api.call("POST", STRATEGIES, json={"name": "B", "kind": "buy_and_hold"})
    path = f"{STRATEGIES}/{other['id']}"

    status, _ = await api.call("PUT", path, json={"name": "A"})

    assert status == 409
    assert (await api.call("GET", path))[1]["name"] == "B"


async def test_strategies_are_listed_newest_first(api: Api) -> None:
    for name in ("one", "two", "three"):
        await api.call("POST", STRATEGIES, json={"name": name, "kind": "buy_and_hold"})

    _, page = await api.call("GET", STRATEGIES, params={"limit": "2"})

    assert [s["name"] for s in page["items"]] == ["three", "two"]
    assert page["next_cursor"]


async def test_deleting_a_template_keeps_the_backtests_made_from_it(api: Api) -> None:
    template_body = {"name": "T", "kind": "sma_crossover", "parameters": {"fast": 7}}
    _, template = await api.call("POST", STRATEGIES, json=template_body)
    _, backtest = await api.call(
        "POST", "/api/v1/backtests", json={**FIRST_BACKTEST, "strategy_id": template["id"]}
    )

    await api.call("DELETE", f"{STRATEGIES}/{template['id']}")
    status, after = await api.call("GET", f"/api/v1/backtests/{backtest['id']}")

    assert status == 200
    assert after["strategy_id"] is None
    assert after["parameters"] == {"fast": 7}


async def test_a_description_can_be_cleared(api: Api) -> None:
    _, created = await api.call(
        "POST", STRATEGIES, json={"name": "D", "kind": "buy_and_hold", "description": "x"}
    )

    _, changed = await api.call("PUT", f"{STRATEGIES}/{created['id']}", json={"description": None})

    assert changed["description"] is None
