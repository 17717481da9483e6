from __future__ import annotations

from typing import Any

from core.use_cases.trades.record_trades import MAX_TRADES_PER_REQUEST
from tests.http.conftest import FIRST_BACKTEST, Api

TRADES = "/api/v1/trades"


async def a_backtest(api: Api) -> str:
    _, body = await api.call("POST", "/api/v1/backtests", json=FIRST_BACKTEST)
    return body["id"]


def a_trade(backtest_id: str, minute: int = 0, **overrides: Any) -> dict[str, Any]:
    return {
        "backtest_id": backtest_id,
        "side": "long",
        "quantity": 2,
        "entry_time": f"2023-03-01T10:{minute:02d}:00Z",
        "entry_price": 100,
        "exit_time": f"2023-03-01T11:{minute:02d}:00+00:00",
        "exit_price": 110,
        "commission": 1,
        **overrides,
    }


async def test_one_trade_is_stored_with_its_computed_pnl(api: Api) -> None:
    backtest_id = await a_backtest(api)

    status, body = await api.call("POST", TRADES, json=a_trade(backtest_id))

    assert status == 201
    assert body["pnl"] == 19
    assert body["symbol"] == "BTC"
    assert body["entry_time"] == "2023-03-01T10:00:00+00:00"


async def test_a_list_of_trades_is_stored_in_one_request(api: Api) -> None:
    backtest_id = await a_backtest(api)

    status, body = await api.call(
        "POST", TRADES, json=[a_trade(backtest_id, 1), a_trade(backtest_id, 2, side="short")]
    )

    assert status == 201
    assert [t["side"] for t in body["items"]] == ["long", "short"]
    assert body["items"][1]["pnl"] == -21


async def test_a_list_with_one_bad_trade_stores_none(api: Api) -> None:
    backtest_id = await a_backtest(api)
    batch = [a_trade(backtest_id, 1), a_trade(backtest_id, 2, quantity=0)]

    status, problem = await api.call("POST", TRADES, json=batch)
    _, listed = await api.call("GET", f"{TRADES}/backtest/{backtest_id}")

    assert status == 422
    assert "1" in problem["errors"]
    assert listed["items"] == []


async def test_a_list_touching_a_missing_backtest_stores_none(api: Api) -> None:
    backtest_id = await a_backtest(api)
    batch = [a_trade(backtest_id), a_trade("00000000-0000-0000-0000-000000000001")]

    status, _ = await api.call("POST", TRADES, json=batch)
    _, listed = await api.call("GET", f"{TRADES}/backtest/{backtest_id}")

    assert status == 404
    assert listed["items"] == []


async def test_trades_are_listed_in_time_order_across_pages(api: Api) -> None:
    backtest_id = await a_backtest(api)
    minutes = [7, 3, 9, 1, 5]
    await api.call("POST", TRADES, json=[a_trade(backtest_id, m) for m in minutes])

    times: list[str] = []
    cursor = None
    while True:
        params = {"limit": "2", **({"cursor": cursor} if cursor else {})}
        _, page = await api.call("GET", f"{TRADES}/backtest/{backtest_id}", params=params)
        times += [t["entry_time"] for t in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break

    assert times == [f"2023-03-01T10:{m:02d}:00+00:00" for m in sorted(minutes)]


async def test_an_open_trade_has_no_exit_and_no_pnl(api: Api) -> None:
    backtest_id = await a_backtest(api)
    trade = a_trade(backtest_id)
    del trade["exit_time"], trade["exit_price"]

    status, body = await api.call("POST", TRADES, json=trade)

    assert status == 201
    assert (body["exit_time"], body["exit_price"], body["pnl"]) == (None, None, None)


async def test_trade_rules_are_checked(api: Api) -> None:
    backtest_id = await a_backtest(api)
    cases = {
        "side": a_trade(backtest_id, side="sideways"),
        "quantity": a_trade(backtest_id, quantity=-1),
        "entry_price": a_trade(backtest_id, entry_price=0),
        "exit_time": a_trade(backtest_id, exit_time="2023-03-01T09:00:00Z"),
        "exit_price": a_trade(backtest_id, exit_price=None),
        "commission": a_trade(backtest_id, commission=-1),
        "notes": a_trade(backtest_id, notes="n" * 5000),
    }

    for field, trade in cases.items():
        status, problem = await api.call("POST", TRADES, json=trade)
        assert status == 422, field
        assert field in problem["errors"], (field, problem)


async def test_an_empty_list_is_refused(api: Api) -> None:
    status, _ = await api.call("POST", TRADES, json=[])

    assert status == 422


async def test_an_empty_list_is_refused_by_the_use_cases_rule(api: Api) -> None:
    status, problem = await api.call("POST", TRADES, json=[])

    assert status == 422
    assert problem["errors"] == {"trades": ["at least one trade is required"]}


async def test_a_list_over_the_limit_is_refused_and_stores_none(api: Api) -> None:
    backtest_id = await a_backtest(api)
    batch = [a_trade(backtest_id)] * (MAX_TRADES_PER_REQUEST + 1)

    status, problem = await api.call("POST", TRADES, json=batch)
    _, listed = await api.call("GET", f"{TRADES}/backtest/{backtest_id}")

    assert status == 422
    assert problem["errors"] == {"trades": [f"at most {MAX_TRADES_PER_REQUEST} trades per request"]}
    assert listed["items"] == []
