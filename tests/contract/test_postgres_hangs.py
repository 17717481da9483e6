"""A hung PostgreSQL (sockets open, nothing answers) makes requests 503, not minutes of waiting.

The app reaches the database through a proxy the test freezes. Statement and pool-acquire
timeouts are set low here; once the proxy thaws, the same process serves again.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from dependency_injector import providers

from adapters.outbound.memory.candle_store import InMemoryCandleStore
from adapters.outbound.supabase.minting import mint_token
from bootstrap.container import Container
from bootstrap.settings import Settings
from bootstrap.web import build_app
from tests.support.in_memory import market_data_in
from tests.support.tcp_proxy import FreezableProxy

SECRET = "hung-postgres-secret-hung-postgres-secret-0123"
TIMEOUTS = {"DB_STATEMENT_TIMEOUT_MS": "1000", "DB_ACQUIRE_TIMEOUT_SECONDS": "1"}


@pytest.fixture
async def proxy(database_url: str) -> AsyncIterator[tuple[FreezableProxy, str]]:
    proxy = FreezableProxy(database_url)
    url = await proxy.start()
    try:
        yield proxy, url
    finally:
        proxy.thaw()
        await proxy.close()


@pytest.fixture
async def client(
    aiohttp_client: Any, proxy: tuple[FreezableProxy, str], tmp_path: Path
) -> AsyncIterator[Any]:
    _, url = proxy
    settings = Settings.from_env(
        {"DATA_DIR": str(tmp_path), "RUN_WORKERS": "0", **TIMEOUTS}, env_file=None
    )
    container = Container(settings=settings, database_url=url, jwt_secret=SECRET)
    container.market_data.override(market_data_in(InMemoryCandleStore()))
    container.health_probes.override(providers.List(container.persistence.probe))
    try:
        yield await aiohttp_client(build_app(container))
    finally:
        container.unwire()


async def test_a_hung_database_answers_503_and_the_service_recovers_without_a_restart(
    client: Any, proxy: tuple[FreezableProxy, str]
) -> None:
    freezer, _ = proxy
    auth = {"Authorization": f"Bearer {mint_token(SECRET, str(uuid.uuid4()))}"}
    before = await client.get("/api/v1/backtests", headers=auth)

    freezer.freeze()
    during = [await client.get("/api/v1/backtests", headers=auth) for _ in range(3)]
    alive = await client.get("/api/v1/health/")
    freezer.thaw()
    after = await client.get("/api/v1/backtests", headers=auth)

    assert before.status == 200
    assert [answer.status for answer in during] == [503, 503, 503]
    assert all(a.content_type == "application/problem+json" for a in during)
    assert alive.status == 200
    assert after.status == 200
