"""Queued runs with no worker taking them: cancel, edits refused, the per-user limit."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

import pytest
from dependency_injector import providers

from bootstrap.container import Container
from tests.http.conftest import Api

SMA = {"name": "SMA", "kind": "sma_crossover", "parameters": {"fast": 5, "slow": 20}}


class IdleWorker:
    """Takes no job, so every run stays queued."""

    def __init__(self) -> None:
        self._stopped = asyncio.Event()

    async def run(self) -> None:
        await self._stopped.wait()

    def stop(self) -> None:
        self._stopped.set()


@pytest.fixture
def container(container: Container) -> Container:
    container.run_worker.override(providers.Factory(IdleWorker))
    return container


async def a_backtest(api: Api, name: str, user: uuid.UUID | None = None) -> dict[str, Any]:
    template = {**SMA, "name": name}
    _, strategy = await api.call("POST", "/api/v1/strategies", json=template, user=user)
    body = {
        "name": name,
        "strategy_id": strategy["id"],
        "symbol": "BTC",
        "start_date": "2023-01-01",
        "end_date": "2023-01-02",
        "initial_capital": 1000,
    }
    status, backtest = await api.call("POST", "/api/v1/backtests", json=body, user=user)
    assert status == 201, backtest
    return backtest


async def a_queued_backtest(api: Api, name: str = "queued") -> dict[str, Any]:
    backtest = await a_backtest(api, name)
    status, queued = await api.call("POST", f"/api/v1/backtests/{backtest['id']}/run")
    assert status == 202, queued
    return queued


async def test_a_queued_run_waits_with_no_progress(api: Api) -> None:
    queued = await a_queued_backtest(api)

    assert (queued["status"], queued["progress"], queued["error"]) == ("queued", 0.0, None)


async def test_a_queued_run_is_cancelled_at_once(api: Api) -> None:
    queued = await a_queued_backtest(api)

    status, cancelled = await api.call("POST", f"/api/v1/backtests/{queued['id']}/cancel")

    assert (status, cancelled["status"]) == (202, "cancelled")


async def test_a_queued_backtest_refuses_edits_of_its_definition_and_status(api: Api) -> None:
    queued = await a_queued_backtest(api)

    edited, _ = await api.call(
        "PUT", f"/api/v1/backtests/{queued['id']}", json={"initial_capital": 5}
    )
    moved, _ = await api.call(
        "PUT", f"/api/v1/backtests/{queued['id']}", json={"status": "pending"}
    )
    renamed, body = await api.call("PUT", f"/api/v1/backtests/{queued['id']}", json={"name": "n"})

    assert (edited, moved, renamed) == (409, 409, 200)
    assert body["name"] == "n"


async def test_a_run_cannot_be_queued_twice(api: Api) -> None:
    queued = await a_queued_backtest(api)

    status, problem = await api.call("POST", f"/api/v1/backtests/{queued['id']}/run")

    assert status == 409
    assert "cancel it first" in problem["detail"]


async def test_queued_is_not_a_status_a_client_can_set(api: Api) -> None:
    queued = await a_queued_backtest(api)
    await api.call("POST", f"/api/v1/backtests/{queued['id']}/cancel")

    status, problem = await api.call(
        "PUT", f"/api/v1/backtests/{queued['id']}", json={"status": "queued"}
    )

    assert status == 422
    assert "status" in problem["errors"]


async def test_a_user_beyond_the_active_run_limit_is_told_when_to_retry(
    api: Api, container: Container
) -> None:
    limit = container.settings().max_active_runs
    for n in range(limit):
        await a_queued_backtest(api, f"run {n}")

    over = await a_backtest(api, "over")
    someone_else = uuid.uuid4()
    theirs = await a_backtest(api, "theirs", someone_else)

    response = await api.client.post(f"/api/v1/backtests/{over['id']}/run", headers=api.auth())
    their_status, _ = await api.call(
        "POST", f"/api/v1/backtests/{theirs['id']}/run", user=someone_else
    )

    assert response.status == 429
    assert int(response.headers["Retry-After"]) > 0
    assert their_status == 202
