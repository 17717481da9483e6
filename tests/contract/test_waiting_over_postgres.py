"""Prefer: wait over the app's own Postgres persistence: a status change committed by another
session (a worker process elsewhere) ends the wait of a request held by this one."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from dependency_injector import providers

from adapters.outbound.memory.candle_store import InMemoryCandleStore
from adapters.outbound.postgres.pool import create_pool
from adapters.outbound.supabase.minting import mint_token
from bootstrap.container import Container
from bootstrap.settings import Settings
from bootstrap.web import build_app
from core.use_cases.backtests import wait_for_backtest
from tests.contract.conftest import HTTP_SECRET, _conninfo
from tests.support.in_memory import market_data_in
from tests.support.status_changes import Observed, until_waiting

SMA = {"name": "SMA", "kind": "sma_crossover", "parameters": {"fast": 5, "slow": 20}}
# Only the change's notice can end the wait (no re-read or cap comes first); a working
# implementation answers at once, and WAKE bounds how long a broken one is waited for.
LONG = 600
WAKE = 10.0


@pytest.fixture
async def app(
    aiohttp_client: Any, database_url: str, tmp_path: Path
) -> AsyncIterator[tuple[Any, Observed]]:
    """The real container (its pool and its listening connection); no worker runs."""
    pool = await create_pool(database_url, 1, 1)
    await pool.execute("TRUNCATE trades, backtests, strategies, user_profiles CASCADE")
    await pool.close()
    env = {"DATA_DIR": str(tmp_path), "RUN_WORKERS": "0", "RUN_WAIT_MAX_SECONDS": str(LONG)}
    settings = Settings.from_env(env, env_file=None)
    container = Container(settings=settings, database_url=database_url, jwt_secret=HTTP_SECRET)
    container.market_data.override(market_data_in(InMemoryCandleStore()))
    observed = providers.Singleton(Observed, container.persistence.status_changes)
    container.use_cases.status_changes.override(observed)
    try:
        yield await aiohttp_client(build_app(container)), observed()
    finally:
        container.unwire()


async def test_a_wait_ends_when_another_session_commits_a_new_status(
    app: tuple[Any, Observed], database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(wait_for_backtest, "RECHECK_SECONDS", LONG)
    client, observed = app
    auth = {"Authorization": f"Bearer {mint_token(HTTP_SECRET, str(uuid.uuid4()))}"}
    strategy = await (await client.post("/api/v1/strategies", json=SMA, headers=auth)).json()
    body = {
        "name": "waited for over postgres",
        "strategy_id": strategy["id"],
        "symbol": "BTC",
        "start_date": "2023-01-01",
        "end_date": "2023-01-02",
        "initial_capital": 1000,
    }
    backtest = await (await client.post("/api/v1/backtests", json=body, headers=auth)).json()
    path = f"/api/v1/backtests/{backtest['id']}"
    await client.post(f"{path}/run", headers=auth)

    answer = asyncio.ensure_future(client.get(path, headers={**auth, "Prefer": f"wait={LONG}"}))
    await until_waiting(observed.waiting, answer)
    await asyncio.to_thread(start_elsewhere, database_url, backtest["id"])
    async with asyncio.timeout(WAKE):
        response = await answer

    assert response.status == 200
    assert (await response.json())["status"] == "running"
    assert response.headers["Preference-Applied"] == f"wait={LONG}"


def start_elsewhere(database_url: str, backtest_id: str) -> None:
    with psycopg.connect(_conninfo(database_url), autocommit=True) as connection:
        connection.execute("UPDATE backtests SET status = 'running' WHERE id = %s", (backtest_id,))
