"""GET /backtests/{id} with `Prefer: wait=N`: held while queued or running, until the
status changes or the wait allowed is over; otherwise answered at once, never an error.

No worker runs here (RUN_WORKERS=0): a queued backtest stays queued until the test moves it.
"""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

import pytest
from aiohttp import ClientResponse
from dependency_injector import providers

from adapters.outbound.memory.status_changes import InMemoryStatusChanges
from adapters.outbound.memory.store import InMemoryStore
from bootstrap.container import Container
from core.use_cases.backtests import wait_for_backtest
from tests.http.conftest import FIRST_BACKTEST, Api
from tests.support.status_changes import Observed, until_waiting

SMA = {"name": "SMA", "kind": "sma_crossover", "parameters": {"fast": 5, "slow": 20}}
LONG = 600
# A working implementation answers at once; this bounds how long a broken one is waited for.
WAKE = 10.0


@pytest.fixture
def settings_env() -> dict[str, str]:
    return {"RUN_WORKERS": "0", "RUN_WAIT_MAX_SECONDS": "10"}


@pytest.fixture
def observed(store: InMemoryStore) -> Observed:
    return Observed(InMemoryStatusChanges(store))


@pytest.fixture
def container(container: Container, observed: Observed) -> Container:
    container.use_cases.status_changes.override(providers.Object(observed))
    return container


async def a_queued_backtest(api: Api) -> dict[str, Any]:
    _, strategy = await api.call("POST", "/api/v1/strategies", json=SMA)
    body = {**FIRST_BACKTEST, "strategy_id": strategy["id"]}
    _, backtest = await api.call("POST", "/api/v1/backtests", json=body)
    status, queued = await api.call("POST", f"/api/v1/backtests/{backtest['id']}/run")
    assert (status, queued["status"]) == (202, "queued")
    return queued


async def get(
    api: Api, backtest_id: str, prefer: str, user: uuid.UUID | None = None
) -> ClientResponse:
    headers = {**api.auth(user), "Prefer": prefer}
    return await api.client.get(f"/api/v1/backtests/{backtest_id}", headers=headers)


def vary(response: ClientResponse) -> set[str]:
    return {name.strip().lower() for name in response.headers.get("Vary", "").split(",")}


async def start_as_a_worker_would(api: Api, backtest_id: str) -> None:
    async with api.store_uow() as tx:
        found = await tx.backtests.lock(api.user_id, uuid.UUID(backtest_id))
        assert found is not None
        assert found.run is not None
        assert found.start_run(found.run.run_id, found.updated_at)
        await tx.backtests.update(found)
        await tx.commit()


async def cancel_through_the_api(api: Api, backtest_id: str) -> None:
    await api.call("POST", f"/api/v1/backtests/{backtest_id}/cancel")


@pytest.fixture
def long_waits(container: Container, monkeypatch: pytest.MonkeyPatch) -> None:
    """No re-read or cap ends a wait first: only what the test does can."""
    monkeypatch.setattr(wait_for_backtest, "RECHECK_SECONDS", LONG)
    container.use_cases.max_wait_seconds.override(providers.Object(LONG))


async def a_held_wait(api: Api, observed: Observed) -> tuple[dict[str, Any], Any]:
    """A queued backtest, and a GET of it with `wait=LONG` that is waiting now."""
    queued = await a_queued_backtest(api)
    answer = asyncio.ensure_future(get(api, queued["id"], f"wait={LONG}"))
    await until_waiting(observed.waiting, answer)
    return queued, answer


@pytest.mark.parametrize(
    ("move", "status"),
    [(start_as_a_worker_would, "running"), (cancel_through_the_api, "cancelled")],
)
@pytest.mark.usefixtures("long_waits")
async def test_a_wait_is_answered_with_the_new_status_as_soon_as_it_changes(
    api: Api, observed: Observed, move: Any, status: str
) -> None:
    queued, answer = await a_held_wait(api, observed)

    await move(api, queued["id"])
    async with asyncio.timeout(WAKE):
        response = await answer
    body = await response.json()

    assert response.status == 200
    assert body["status"] == status
    assert response.headers["Preference-Applied"] == f"wait={LONG}"
    assert "prefer" in vary(response)
    assert "ETag" in response.headers


@pytest.mark.usefixtures("long_waits")
async def test_a_held_wait_is_answered_as_things_stand_when_the_server_begins_to_stop(
    api: Api, observed: Observed
) -> None:
    _, answer = await a_held_wait(api, observed)

    # aiohttp's on_shutdown comes before it waits for requests in flight.
    await api.client.app.shutdown()
    async with asyncio.timeout(WAKE):
        response = await answer

    assert (response.status, (await response.json())["status"]) == (200, "queued")
    assert response.headers["Preference-Applied"] == f"wait={LONG}"


async def test_a_backtest_that_stays_queued_is_answered_as_it_is_once_the_wait_is_over(
    api: Api,
) -> None:
    queued = await a_queued_backtest(api)

    response = await get(api, queued["id"], "respond-async, wait=1")
    body = await response.json()

    assert response.status == 200
    assert body == queued
    assert response.headers["Preference-Applied"] == "wait=1"


async def test_the_wait_allowed_is_at_most_the_servers_cap(api: Api, container: Container) -> None:
    container.use_cases.max_wait_seconds.override(providers.Object(1))
    queued = await a_queued_backtest(api)

    response = await get(api, queued["id"], "wait=600")

    assert (await response.json())["status"] == "queued"
    assert response.headers["Preference-Applied"] == "wait=1"


@pytest.mark.parametrize("status", ["pending", "completed"])
async def test_a_backtest_with_nothing_to_wait_for_is_answered_at_once(
    api: Api, observed: Observed, status: str
) -> None:
    _, backtest = await api.call(
        "POST", "/api/v1/backtests", json={**FIRST_BACKTEST, "status": status}
    )

    response = await get(api, backtest["id"], "wait=10")
    body = await response.json()

    assert (response.status, body["status"]) == (200, status)
    assert "Preference-Applied" not in response.headers
    assert "prefer" in vary(response)
    assert not observed.waiting.is_set()


@pytest.mark.parametrize(
    "prefer",
    ["wait=abc", "wait=-5", "wait", "wait=1e9", "wait=0", "respond-async", 'wait="', ";;,,=x"],
)
async def test_an_unusable_prefer_header_is_ignored(
    api: Api, observed: Observed, prefer: str
) -> None:
    queued = await a_queued_backtest(api)

    response = await get(api, queued["id"], prefer)

    assert response.status == 200
    assert (await response.json())["status"] == "queued"
    assert "Preference-Applied" not in response.headers
    assert not observed.waiting.is_set()


async def test_someone_elses_backtest_is_not_found_without_waiting(
    api: Api, observed: Observed
) -> None:
    queued = await a_queued_backtest(api)

    theirs = await get(api, queued["id"], "wait=10", user=uuid.uuid4())
    missing = await get(api, str(uuid.uuid4()), "wait=10")

    assert (theirs.status, missing.status) == (404, 404)
    assert theirs.content_type == "application/problem+json"
    assert not observed.waiting.is_set()
