"""Bad input answers a clear 4xx problem, never a 500, and loses nothing already stored."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.http.conftest import FIRST_BACKTEST, Api

BACKTESTS = "/api/v1/backtests"


def with_(**changes: Any) -> dict[str, Any]:
    return {**FIRST_BACKTEST, **changes}


async def assert_problem(api: Api, response: Any, status: int) -> dict[str, Any]:
    assert response.status == status
    assert response.content_type == "application/problem+json"
    body = await response.json()
    assert body["status"] == status
    assert {"type", "title", "status"} <= body.keys()
    assert "Traceback" not in json.dumps(body)
    return body


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (with_(initial_capital=0), "initial_capital"),
        (with_(initial_capital=-5), "initial_capital"),
        (with_(initial_capital="lots"), "initial_capital"),
        (with_(initial_capital="NaN"), "initial_capital"),
        (with_(initial_capital=1e300), "initial_capital"),
        (with_(end_date="2022-12-31"), "end_date"),
        (with_(start_date="2023-02-30"), "start_date"),
        (with_(start_date=20230101), "start_date"),
        (with_(name=""), "name"),
        (with_(name="x" * 201), "name"),
        (with_(name=None), "name"),
        (with_(symbol="BTC USD"), "symbol"),
        (with_(symbol="B" * 40), "symbol"),
        (with_(timeframe="7x"), "timeframe"),
        (with_(parameters=[1, 2]), "parameters"),
        (with_(status="done"), "status"),
        (with_(strategy_id="not-a-uuid"), "strategy_id"),
        (with_(surprise=True), "surprise"),
        ({k: v for k, v in FIRST_BACKTEST.items() if k != "symbol"}, "symbol"),
    ],
)
async def test_an_invalid_backtest_names_the_field(
    api: Api, body: dict[str, Any], field: str
) -> None:
    response = await api.client.post(BACKTESTS, json=body, headers=api.auth())

    problem = await assert_problem(api, response, 422)
    assert field in problem["errors"]


async def test_malformed_json_is_a_bad_request(api: Api) -> None:
    headers = {**api.auth(), "Content-Type": "application/json"}

    response = await api.client.post(BACKTESTS, data=b'{"name": ', headers=headers)

    await assert_problem(api, response, 400)


async def test_a_json_array_where_an_object_belongs_is_refused(api: Api) -> None:
    response = await api.client.post(BACKTESTS, json=[FIRST_BACKTEST], headers=api.auth())

    await assert_problem(api, response, 422)


async def test_a_huge_body_is_refused_before_it_is_read(api: Api) -> None:
    huge = with_(parameters={"blob": "x" * (6 * 1024 * 1024)})

    response = await api.client.post(BACKTESTS, json=huge, headers=api.auth())

    await assert_problem(api, response, 413)


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/backtests/123",
        "/api/v1/backtests/not-a-uuid",
        "/api/v1/strategies/zzz",
        "/api/v1/trades/backtest/1",
    ],
)
async def test_a_non_uuid_id_is_refused(api: Api, path: str) -> None:
    response = await api.client.get(path, headers=api.auth())

    problem = await assert_problem(api, response, 422)
    assert problem["errors"]


@pytest.mark.parametrize(
    "query",
    [{"limit": "0"}, {"limit": "100000"}, {"limit": "ten"}, {"cursor": "garbage"}],
)
async def test_bad_paging_is_refused(api: Api, query: dict[str, str]) -> None:
    response = await api.client.get(BACKTESTS, params=query, headers=api.auth())

    await assert_problem(api, response, 422)


async def test_an_empty_update_is_refused(api: Api) -> None:
    _, created = await api.call("POST", BACKTESTS, json=FIRST_BACKTEST)

    response = await api.client.put(f"{BACKTESTS}/{created['id']}", json={}, headers=api.auth())

    await assert_problem(api, response, 422)


async def test_an_update_with_dates_out_of_order_keeps_the_stored_backtest(api: Api) -> None:
    _, created = await api.call("POST", BACKTESTS, json=FIRST_BACKTEST)
    path = f"{BACKTESTS}/{created['id']}"

    response = await api.client.put(path, json={"end_date": "2020-01-01"}, headers=api.auth())

    problem = await assert_problem(api, response, 422)
    assert "end_date" in problem["errors"]
    assert (await api.call("GET", path))[1] == created


async def test_an_unknown_route_and_a_wrong_method_are_problems_too(api: Api) -> None:
    missing = await api.client.get("/api/v1/nothing-here", headers=api.auth())
    wrong = await api.client.patch(BACKTESTS, headers=api.auth())

    await assert_problem(api, missing, 404)
    await assert_problem(api, wrong, 405)
    assert "Allow" in wrong.headers


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=10), inner, max_size=3)
    ),
    max_leaves=8,
)
backtest_like = st.fixed_dictionaries(
    {}, optional={key: json_values for key in [*FIRST_BACKTEST, "timeframe", "parameters"]}
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(body=st.one_of(backtest_like, json_values))
async def test_any_json_body_is_answered_without_a_server_error(api: Api, body: Any) -> None:
    response = await api.client.post(BACKTESTS, json=body, headers=api.auth())

    assert response.status in (201, 400, 404, 409, 422)


async def test_a_json_body_sent_as_a_form_is_still_read_as_json(api: Api) -> None:
    response = await api.client.post(
        BACKTESTS,
        data=json.dumps(FIRST_BACKTEST),
        headers={**api.auth(), "Content-Type": "application/x-www-form-urlencoded"},
    )

    assert response.status == 201


async def test_a_body_of_another_media_type_is_refused(api: Api) -> None:
    response = await api.client.post(
        BACKTESTS, data=b"name,symbol\n", headers={**api.auth(), "Content-Type": "text/csv"}
    )

    await assert_problem(api, response, 415)


async def test_a_trade_request_without_a_body_is_refused(api: Api) -> None:
    response = await api.client.post("/api/v1/trades", headers=api.auth())

    await assert_problem(api, response, 422)


async def test_malformed_json_trades_are_a_bad_request(api: Api) -> None:
    headers = {**api.auth(), "Content-Type": "application/json"}

    response = await api.client.post("/api/v1/trades", data=b"[{", headers=headers)

    await assert_problem(api, response, 400)
