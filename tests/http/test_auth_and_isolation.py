from __future__ import annotations

import uuid

import pytest

from adapters.outbound.supabase.minting import mint_token
from tests.http.conftest import FIRST_BACKTEST, SECRET, Api

# Fixed ids: test ids must be the same in every collection (pytest-xdist compares them).
SOME_ID = uuid.UUID("6f1c2a57-0000-4000-8000-000000000001")
PROTECTED = [
    ("GET", "/api/v1/users/"),
    ("GET", "/api/v1/backtests"),
    ("POST", "/api/v1/backtests"),
    ("GET", f"/api/v1/backtests/{SOME_ID}"),
    ("PUT", f"/api/v1/backtests/{SOME_ID}"),
    ("DELETE", f"/api/v1/backtests/{SOME_ID}"),
    ("POST", "/api/v1/trades"),
    ("GET", f"/api/v1/trades/backtest/{SOME_ID}"),
    ("GET", "/api/v1/strategies"),
    ("POST", "/api/v1/strategies"),
    ("GET", f"/api/v1/strategies/{SOME_ID}"),
    ("PUT", f"/api/v1/strategies/{SOME_ID}"),
    ("DELETE", f"/api/v1/strategies/{SOME_ID}"),
]


@pytest.mark.parametrize(("method", "path"), PROTECTED)
async def test_every_endpoint_but_health_and_docs_needs_a_bearer_token(
    api: Api, method: str, path: str
) -> None:
    response = await api.client.request(method, path, json={})

    assert response.status == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert response.content_type == "application/problem+json"


@pytest.mark.parametrize(
    "header",
    ["Basic dXNlcjpwYXNz", "Bearer", "Bearer ", "Token abc", "bearer not.a.jwt", "Bearer a.b.c"],
)
async def test_a_malformed_or_foreign_authorization_is_refused(api: Api, header: str) -> None:
    response = await api.client.get("/api/v1/users/", headers={"Authorization": header})
    body = await response.json()

    assert response.status == 401
    assert body["status"] == 401
    assert "WWW-Authenticate" in response.headers


async def test_an_expired_token_is_refused(api: Api) -> None:
    token = mint_token(SECRET, str(api.user_id), expires_in=-3600)

    response = await api.client.get("/api/v1/users/", headers={"Authorization": f"Bearer {token}"})

    assert response.status == 401


async def test_a_token_signed_with_another_secret_is_refused(api: Api) -> None:
    token = mint_token("another-secret-another-secret-another-secret", str(api.user_id))

    response = await api.client.get("/api/v1/users/", headers={"Authorization": f"Bearer {token}"})

    assert response.status == 401


async def test_an_anonymous_role_token_is_refused(api: Api) -> None:
    token = mint_token(SECRET, str(api.user_id), role="anon")

    response = await api.client.get("/api/v1/users/", headers={"Authorization": f"Bearer {token}"})

    assert response.status == 401


async def test_another_users_backtest_is_not_found_in_every_verb(api: Api) -> None:
    _, mine = await api.call("POST", "/api/v1/backtests", json=FIRST_BACKTEST)
    other = uuid.uuid4()
    path = f"/api/v1/backtests/{mine['id']}"
    trade = {
        "backtest_id": mine["id"],
        "side": "buy",
        "quantity": 1,
        "entry_time": "2023-01-02T00:00:00Z",
        "entry_price": 1,
    }

    assert (await api.call("GET", path, user=other))[0] == 404
    assert (await api.call("PUT", path, user=other, json={"name": "stolen"}))[0] == 404
    assert (await api.call("DELETE", path, user=other))[0] == 404
    assert (await api.call("POST", "/api/v1/trades", user=other, json=trade))[0] == 404
    assert (await api.call("GET", f"/api/v1/trades/backtest/{mine['id']}", user=other))[0] == 404
    _, others_list = await api.call("GET", "/api/v1/backtests", user=other)
    assert others_list["items"] == []
    status, still_mine = await api.call("GET", path)
    assert status == 200
    assert still_mine == mine


async def test_another_users_strategy_is_invisible_and_its_name_is_free(api: Api) -> None:
    _, mine = await api.call(
        "POST", "/api/v1/strategies", json={"name": "Breakout", "kind": "buy_and_hold"}
    )
    other = uuid.uuid4()
    path = f"/api/v1/strategies/{mine['id']}"

    assert (await api.call("GET", path, user=other))[0] == 404
    assert (await api.call("PUT", path, user=other, json={"name": "x"}))[0] == 404
    assert (await api.call("DELETE", path, user=other))[0] == 404
    assert (
        await api.call(
            "POST",
            "/api/v1/strategies",
            user=other,
            json={"name": "Breakout", "kind": "buy_and_hold"},
        )
    )[0] == 201
    backtest = {**FIRST_BACKTEST, "strategy_id": mine["id"]}
    assert (await api.call("POST", "/api/v1/backtests", user=other, json=backtest))[0] == 404
