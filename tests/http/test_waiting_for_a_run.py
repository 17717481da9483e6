"""A real run on the in-process worker, followed with `Prefer: wait` instead of polling."""

from __future__ import annotations

import pytest

from adapters.outbound.memory.candle_store import InMemoryCandleStore
from tests.http.conftest import Api
from tests.support.marketdata import bars, ms
from tests.support.runs import FINISHED

SMA = {"name": "SMA 10/40", "kind": "sma_crossover", "parameters": {"fast": 10, "slow": 40}}
# queued -> running -> completed: two changes, each ending a wait; more answers only if a
# wait ran out (the engine warming up takes long on a busy machine).
MOST_ANSWERS = 10


@pytest.fixture
def settings_env() -> dict[str, str]:
    return {"RUN_WAIT_MAX_SECONDS": "30"}


@pytest.fixture
def candles() -> InMemoryCandleStore:
    store = InMemoryCandleStore()
    store.add("BTC", bars(ms(2023, 1, 1), 3 * 24 * 60, seed=11))
    return store


async def test_a_run_is_followed_to_its_end_with_waits(api: Api) -> None:
    _, strategy = await api.call("POST", "/api/v1/strategies", json=SMA)
    body = {
        "name": "waited for",
        "strategy_id": strategy["id"],
        "symbol": "BTC",
        "start_date": "2023-01-01",
        "end_date": "2023-01-03",
        "initial_capital": 10_000,
        "timeframe": "5m",
    }
    _, backtest = await api.call("POST", "/api/v1/backtests", json=body)
    path = f"/api/v1/backtests/{backtest['id']}"
    _, queued = await api.call("POST", f"{path}/run")

    answers = [queued["status"]]
    applied = []
    while answers[-1] not in FINISHED and len(answers) <= MOST_ANSWERS:
        response = await api.client.get(path, headers={**api.auth(), "Prefer": "wait=30"})
        answers.append((await response.json())["status"])
        applied.append(response.headers.get("Preference-Applied"))

    assert answers[-1] == "completed", answers
    assert set(answers) <= {"queued", "running", "completed"}
    assert answers == sorted(answers, key=["queued", "running", "completed"].index)
    assert applied[:-1] == ["wait=30"] * (len(applied) - 1)
