"""A held `Prefer: wait` answers as soon as the server begins to stop, not at the end of a
wait that could outlast the shutdown's grace period (aiohttp's on_shutdown comes before it
waits for requests in flight)."""

from __future__ import annotations

import asyncio

import pytest
from dependency_injector import providers

from adapters.outbound.memory.status_changes import InMemoryStatusChanges
from adapters.outbound.memory.store import InMemoryStore
from bootstrap.container import Container
from tests.http.conftest import Api
from tests.http.test_prefer_wait import WAKE, a_queued_backtest, get
from tests.support.status_changes import Observed, until_waiting


@pytest.fixture
def settings_env() -> dict[str, str]:
    return {"RUN_WORKERS": "0", "RUN_WAIT_MAX_SECONDS": "600"}


@pytest.fixture
def observed(store: InMemoryStore) -> Observed:
    return Observed(InMemoryStatusChanges(store))


@pytest.fixture
def container(container: Container, observed: Observed) -> Container:
    container.use_cases.status_changes.override(providers.Object(observed))
    return container


async def test_a_held_wait_answers_as_things_stand_when_the_server_begins_to_stop(
    api: Api, observed: Observed
) -> None:
    backtest = await a_queued_backtest(api)

    answer = asyncio.ensure_future(get(api, backtest["id"], "wait=600"))
    await until_waiting(observed.waiting, answer)
    await api.client.app.shutdown()
    async with asyncio.timeout(WAKE):
        response = await answer

    assert response.status == 200
    assert (await response.json())["status"] == "queued"
    assert response.headers["Preference-Applied"] == "wait=600"
