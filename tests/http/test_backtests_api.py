from __future__ import annotations

import uuid

import pytest

from tests.http.conftest import FIRST_BACKTEST, Api

BASE = "/api/v1/backtests"


async def create(api: Api, **overrides: object) -> dict[str, object]:
    status, body = await api.call("POST", BASE, json={**FIRST_BACKTEST, **overrides})
    assert status == 201, body
    return body


async def test_the_documented_body_is_accepted_as_is(api: Api) -> None:
    status, body = await api.call("POST", BASE, json=FIRST_BACKTEST)

    assert status == 201
    assert {k: body[k] for k in FIRST_BACKTEST} == FIRST_BACKTEST
    assert body["status"] == "pending"
    assert body["timeframe"] == "1d"
    assert body["parameters"] == {}
    assert body["results"] is None
    assert body["user_id"] == str(api.user_id)
    assert body["created_at"] == body["updated_at"]


async def test_a_created_backtest_reads_back_the_same(api: Api) -> None:
    created = await create(api, timeframe="4h", parameters={"fast": 10, "slow": 30})

    status, body = await api.call("GET", f"{BASE}/{created['id']}")

    assert status == 200
    assert body == created


async def test_the_list_is_newest_first_and_pages_without_gaps(api: Api) -> None:
    names = [f"bt-{i}" for i in range(7)]
    for name in names:
        await create(api, name=name)

    seen: list[str] = []
    cursor = None
    while True:
        params = {"limit": "3", **({"cursor": cursor} if cursor else {})}
        status, page = await api.call("GET", BASE, params=params)
        assert status == 200
        seen += [item["name"] for item in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break

    assert seen == list(reversed(names))


async def test_the_list_filters_by_status_and_symbol(api: Api) -> None:
    btc = await create(api, symbol="BTC")
    await create(api, symbol="ETH")
    await api.call("PUT", f"{BASE}/{btc['id']}", json={"status": "running"})

    _, running = await api.call("GET", BASE, params={"status": "running"})
    _, eth = await api.call("GET", BASE, params={"symbol": "eth"})

    assert [item["id"] for item in running["items"]] == [btc["id"]]
    assert [item["symbol"] for item in eth["items"]] == ["ETH"]


async def test_an_update_changes_only_what_is_sent(api: Api) -> None:
    created = await create(api)

    status, body = await api.call(
        "PUT", f"{BASE}/{created['id']}", json={"name": "Renamed", "initial_capital": 500.5}
    )

    assert status == 200
    assert body["name"] == "Renamed"
    assert body["initial_capital"] == 500.5
    assert body["symbol"] == "BTC"
    assert body["updated_at"] >= created["updated_at"]


async def test_a_run_is_recorded_through_its_statuses_and_results(api: Api) -> None:
    created = await create(api)
    path = f"{BASE}/{created['id']}"

    await api.call("PUT", path, json={"status": "running"})
    status, body = await api.call(
        "PUT", path, json={"status": "completed", "results": {"total_return": 0.12}}
    )

    assert status == 200
    assert body["status"] == "completed"
    assert body["results"] == {"total_return": 0.12}


async def test_a_skipped_transition_is_a_conflict_and_changes_nothing(api: Api) -> None:
    created = await create(api)
    path = f"{BASE}/{created['id']}"

    status, body = await api.call("PUT", path, json={"status": "completed", "name": "x"})
    _, after = await api.call("GET", path)

    assert status == 409
    assert body["status"] == 409
    assert after == created


async def test_a_running_backtest_cannot_change_its_symbol(api: Api) -> None:
    created = await create(api)
    path = f"{BASE}/{created['id']}"
    await api.call("PUT", path, json={"status": "running"})

    status, _ = await api.call("PUT", path, json={"symbol": "ETH"})

    assert status == 409


async def test_deleting_a_backtest_removes_it_and_its_trades(api: Api) -> None:
    created = await create(api)
    trade = {
        "backtest_id": created["id"],
        "side": "long",
        "quantity": 1,
        "entry_time": "2023-02-01T10:00:00Z",
        "entry_price": 100,
    }
    assert (await api.call("POST", "/api/v1/trades", json=trade))[0] == 201

    status, _ = await api.call("DELETE", f"{BASE}/{created['id']}")

    assert status == 204
    assert (await api.call("GET", f"{BASE}/{created['id']}"))[0] == 404
    assert (await api.call("GET", f"/api/v1/trades/backtest/{created['id']}"))[0] == 404
    assert (await api.call("DELETE", f"{BASE}/{created['id']}"))[0] == 404


async def test_a_template_fills_in_the_strategy_and_its_parameters(api: Api) -> None:
    _, template = await api.call(
        "POST",
        "/api/v1/strategies",
        json={"name": "SMA cross", "kind": "sma_crossover", "parameters": {"fast": 10, "slow": 30}},
    )
    body = {k: v for k, v in FIRST_BACKTEST.items() if k != "strategy"}

    status, created = await api.call(
        "POST", BASE, json={**body, "strategy_id": template["id"], "parameters": {"fast": 5}}
    )

    assert status == 201
    assert created["strategy"] == "SMA cross"
    assert created["strategy_id"] == template["id"]
    assert created["parameters"] == {"fast": 5, "slow": 30}


async def test_an_unknown_template_is_not_found(api: Api) -> None:
    status, body = await api.call(
        "POST", BASE, json={**FIRST_BACKTEST, "strategy_id": str(uuid.uuid4())}
    )

    assert status == 404
    assert "strategy" in body["detail"]


async def test_without_strategy_or_template_the_strategy_is_required(api: Api) -> None:
    body = {k: v for k, v in FIRST_BACKTEST.items() if k != "strategy"}

    status, problem = await api.call("POST", BASE, json=body)

    assert status == 422
    assert "strategy" in problem["errors"]


@pytest.mark.parametrize("status_", ["completed", "failed"])
async def test_a_run_made_elsewhere_can_be_recorded_with_its_results(
    api: Api, status_: str
) -> None:
    created = await create(api, status=status_, results={"trades": 3})

    assert created["status"] == status_
    assert created["results"] == {"trades": 3}
