"""The HTTP adapter over the real Postgres adapters: what the driver returns, the API presents."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from dependency_injector import providers

from adapters.outbound.memory.candle_store import InMemoryCandleStore
from adapters.outbound.postgres.pool import create_pool
from adapters.outbound.postgres.unit_of_work import PostgresUnitOfWork
from adapters.outbound.supabase.minting import mint_token
from bootstrap.container import Container
from bootstrap.settings import Settings
from bootstrap.web import build_app

SECRET = "postgres-http-secret-postgres-http-secret-0123"


@pytest.fixture
async def client(aiohttp_client: Any, database_url: str, tmp_path: Path) -> AsyncIterator[Any]:
    pool = await create_pool(database_url, 1, 4)
    await pool.execute("TRUNCATE trades, backtests, strategies, user_profiles CASCADE")
    settings = Settings.from_env({"DATA_DIR": str(tmp_path)}, env_file=None)
    container = Container(settings=settings, database_url=database_url, jwt_secret=SECRET)
    container.uow.override(providers.Factory(PostgresUnitOfWork, pool))
    container.database_lifecycle.override(providers.Object(None))
    container.candle_store.override(providers.Object(InMemoryCandleStore()))
    container.market_data_lifecycle.override(providers.Object(None))
    try:
        yield await aiohttp_client(build_app(container))
    finally:
        container.unwire()
        await pool.close()


async def test_a_backtest_with_trades_round_trips_through_postgres(client: Any) -> None:
    user = str(uuid.uuid4())
    auth = {"Authorization": f"Bearer {mint_token(SECRET, user, email='pg@example.com')}"}
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
