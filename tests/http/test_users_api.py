from __future__ import annotations

from tests.http.conftest import FIRST_BACKTEST, Api


async def test_the_caller_is_described_with_counts(api: Api) -> None:
    await api.call("POST", "/api/v1/backtests", json=FIRST_BACKTEST)
    await api.call("POST", "/api/v1/backtests", json=FIRST_BACKTEST)
    await api.call("POST", "/api/v1/strategies", json={"name": "One", "kind": "buy_and_hold"})

    status, body = await api.call(
        "GET", "/api/v1/users/", headers=api.auth(email="ada@example.com")
    )

    assert status == 200
    assert body["id"] == str(api.user_id)
    assert body["email"] == "ada@example.com"
    assert body["role"] == "authenticated"
    assert (body["backtest_count"], body["strategy_count"]) == (2, 1)


async def test_a_profile_is_created_on_first_sight(api: Api) -> None:
    async with api.store_uow() as uow:
        assert await uow.users.get(api.user_id) is None

    await api.call("GET", "/api/v1/backtests")

    async with api.store_uow() as uow:
        profile = await uow.users.get(api.user_id)
    assert profile is not None
