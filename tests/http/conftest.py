"""The real application over the in-memory adapter set (tests/support/in_memory.py)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient

from adapters.outbound.memory.candle_store import InMemoryCandleStore
from adapters.outbound.memory.store import InMemoryStore
from adapters.outbound.memory.unit_of_work import InMemoryUnitOfWork
from adapters.outbound.supabase.minting import mint_token
from bootstrap.container import Container
from bootstrap.settings import Settings
from bootstrap.web import build_app
from tests.support.in_memory import FakeProbe, in_memory

SECRET = "test-secret-that-is-long-enough-for-hs256-0123456789"


@dataclass
class Api:
    """The test client plus a way to speak as a given user."""

    client: TestClient
    store: InMemoryStore
    probe: FakeProbe
    user_id: uuid.UUID

    def auth(self, user_id: uuid.UUID | None = None, **claims: Any) -> dict[str, str]:
        token = mint_token(SECRET, str(user_id or self.user_id), **claims)
        return {"Authorization": f"Bearer {token}"}

    def store_uow(self) -> InMemoryUnitOfWork:
        return InMemoryUnitOfWork(self.store)

    async def call(
        self, method: str, path: str, *, user: uuid.UUID | None = None, **kwargs: Any
    ) -> tuple[int, Any]:
        headers = {**self.auth(user), **kwargs.pop("headers", {})}
        response = await self.client.request(method, path, headers=headers, **kwargs)
        body = await response.json() if response.content_type.endswith("json") else None
        return response.status, body


@pytest.fixture
def store() -> InMemoryStore:
    return InMemoryStore()


@pytest.fixture
def probe() -> FakeProbe:
    return FakeProbe("database")


@pytest.fixture
def candles() -> InMemoryCandleStore:
    return InMemoryCandleStore()


@pytest.fixture
def settings_env() -> dict[str, str]:
    """Environment variables of the app under test; a test module may override it."""
    return {}


@pytest.fixture
def container(
    tmp_path: Path,
    store: InMemoryStore,
    probe: FakeProbe,
    candles: InMemoryCandleStore,
    settings_env: dict[str, str],
) -> Iterator[Container]:
    # A short cap on waits (Prefer: wait), so no request of a test is held for long.
    env = {"DATA_DIR": str(tmp_path), "RUN_WAIT_MAX_SECONDS": "1", **settings_env}
    settings = Settings.from_env(env, env_file=None)
    container = Container(
        settings=settings, database_url="postgresql://not-used", jwt_secret=SECRET
    )
    yield in_memory(container, store, candles, probe)
    container.unwire()
    container.reset_singletons()


@pytest.fixture
async def api(
    aiohttp_client: Any, container: Container, store: InMemoryStore, probe: FakeProbe
) -> Api:
    client = await aiohttp_client(build_app(container))
    return Api(client, store, probe, uuid.uuid4())


FIRST_BACKTEST = {
    "name": "My First Backtest",
    "strategy": "Moving Average Crossover",
    "symbol": "BTC",
    "start_date": "2023-01-01",
    "end_date": "2023-12-31",
    "initial_capital": 10000,
}
