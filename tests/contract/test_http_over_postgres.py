"""The HTTP adapter over the real Postgres adapters: what the driver returns, the API presents."""

from __future__ import annotations

import uuid
from typing import Any

from adapters.outbound.supabase.minting import mint_token
from tests.contract.conftest import HTTP_SECRET


async def test_a_backtest_with_trades_round_trips_through_postgres(
    http_over_postgres: Any,
) -> None:
    client = http_over_postgres
    user = str(uuid.uuid4())
    auth = {"Authorization": f"Bearer {mint_token(HTTP_SECRET, user, email='pg@example.com')}"}
    body = {
        "name": "pg",
        "strategy": "SMA",
        "symbol": "BTC",
        "start_date": "2023-01-01",
        "end_date": "2023-12-31",
        "initial_capital": 10000.25,
        "parameters": {"fast": 5},
    }

    created = await (await client.post("/api/v1/backtests", json=body, headers=auth)).json()
    trade = {
        "backtest_id": created["id"],
        "side": "long",
        "quantity": 2,
        "entry_time": "2023-02-01T10:00:00Z",
        "entry_price": 100,
        "exit_time": "2023-02-01T12:00:00Z",
        "exit_price": 110.5,
    }
    posted = await client.post("/api/v1/trades", json=[trade, trade], headers=auth)
    listed = await (await client.get("/api/v1/backtests", headers=auth)).json()
    trades = await (
        await client.get(f"/api/v1/trades/backtest/{created['id']}", headers=auth)
    ).json()
    me = await (await client.get("/api/v1/users/", headers=auth)).json()

    assert created["initial_capital"] == 10000.25
    assert created["user_id"] == user
    assert posted.status == 201
    assert listed["items"] == [created]
    assert [t["pnl"] for t in trades["items"]] == [21.0, 21.0]
    assert (me["id"], me["email"], me["backtest_count"]) == (user, "pg@example.com", 1)
