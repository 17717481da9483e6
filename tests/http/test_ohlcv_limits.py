"""One caller cannot exhaust the server with market data: bounded symbols, candles and work."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import pytest
from dependency_injector import providers

from adapters.inbound.http.ohlcv.gate import MarketDataGate
from adapters.inbound.http.ohlcv.limits import CandleLimits
from adapters.outbound.memory.candle_store import InMemoryCandleStore
from bootstrap.container import Container
from core.domain.candles import CandleQuery, CandleSeries
from tests.http.conftest import Api
from tests.support.marketdata import bars, ms

DATA = "/api/v1/ohlcv/data"
DAYS = {"start_date": "2023-01-01", "end_date": "2023-01-02", "timeframe": "1h"}
SYMBOLS = ("BTC", "ETH", "SOL")


class HeldCandleStore(InMemoryCandleStore):
    """Candle reads wait until the test lets them go (or forever)."""

    def __init__(self) -> None:
        super().__init__()
        self.go = asyncio.Event()
        self.reading = 0

    async def bars(self, query: CandleQuery) -> CandleSeries:
        self.reading += 1
        await self.go.wait()
        return await super().bars(query)


@pytest.fixture
def candles() -> HeldCandleStore:
    store = HeldCandleStore()
    for seed, symbol in enumerate(SYMBOLS):
        store.add(symbol, bars(ms(2023, 1, 1), 2 * 24 * 60, seed=seed))
    store.go.set()
    return store


def limited(container: Container, max_candles: int = 1000, **gate: Any) -> MarketDataGate:
    made = MarketDataGate(**gate)
    container.market_data.candle_limits.override(
        providers.Object(CandleLimits(max_candles, gate=made))
    )
    return made


async def until(condition: Callable[[], bool]) -> None:
    """Lets the loop run until `condition` holds (requests reach the point under test)."""
    for _ in range(10_000):
        if condition():
            return
        await asyncio.sleep(0.001)
    raise AssertionError("the condition never held")


async def test_a_symbol_asked_for_twice_is_refused(api: Api) -> None:
    status, body = await api.call("POST", DATA, json={**DAYS, "symbols": ["BTC", "ETH", "btc"]})

    assert status == 422
    assert "once" in body["errors"]["symbols"][0]


async def test_at_most_ten_symbols_are_read_in_one_answer(api: Api) -> None:
    eleven = [f"S{i}" for i in range(11)]

    status, body = await api.call("POST", DATA, json={**DAYS, "symbols": eleven})

    assert status == 422
    assert "symbols" in body["errors"]


async def test_the_candle_budget_is_per_answer_and_shared_by_the_symbols(
    api: Api, container: Container
) -> None:
    limited(container, max_candles=12)

    status, body = await api.call("POST", DATA, json={**DAYS, "symbols": list(SYMBOLS)})

    assert status == 200
    assert [result["count"] for result in body["results"]] == [4, 4, 4]
    assert all(result["next_cursor"] for result in body["results"])


async def test_each_symbol_continues_from_its_own_cursor_without_gaps_or_repeats(
    api: Api,
) -> None:
    first = (await api.call("POST", DATA, json={**DAYS, "symbols": ["BTC", "ETH"], "limit": 10}))[1]
    whole = (await api.call("POST", DATA, json={**DAYS, "symbol": "ETH"}))[1]["candles"]

    eth = first["results"][1]
    seen, cursor = list(eth["candles"]), eth["next_cursor"]
    while cursor:
        page = (await api.call("POST", DATA, json={**DAYS, "symbol": "ETH", "cursor": cursor}))[1]
        seen, cursor = seen + page["candles"], page["next_cursor"]

    assert len(eth["candles"]) == 5
    assert seen == whole


async def test_a_limit_smaller_than_the_number_of_symbols_is_refused(api: Api) -> None:
    status, body = await api.call("POST", DATA, json={**DAYS, "symbols": list(SYMBOLS), "limit": 2})

    assert status == 422
    assert "limit" in body["errors"]


async def test_a_burst_beyond_the_slots_and_the_queue_is_refused_with_retry_after(
    api: Api, container: Container, candles: HeldCandleStore
) -> None:
    gate = limited(container, slots=1, waiting=1)
    candles.go.clear()
    asks = [
        asyncio.create_task(api.client.get(DATA, params={**DAYS, "symbol": s}, headers=api.auth()))
        for s in (*SYMBOLS, "BTC")
    ]

    await until(lambda: candles.reading == 1 and gate.refused == 2)
    health = await api.client.get("/api/v1/health/")
    candles.go.set()
    answers = await asyncio.gather(*asks)

    assert health.status == 200
    assert sorted(a.status for a in answers) == [200, 200, 503, 503]
    refused = [a for a in answers if a.status == 503]
    assert all(a.headers["Retry-After"] == "5" for a in refused)
    assert all(a.content_type == "application/problem+json" for a in refused)


async def test_a_request_that_waits_too_long_for_a_slot_is_refused(
    api: Api, container: Container, candles: HeldCandleStore
) -> None:
    gate = limited(container, slots=1, waiting=4, wait_seconds=0.01)
    candles.go.clear()
    held = asyncio.create_task(api.call("GET", DATA, params={**DAYS, "symbol": "BTC"}))
    await until(lambda: candles.reading == 1)

    status, body = await api.call("GET", DATA, params={**DAYS, "symbol": "ETH"})
    candles.go.set()

    assert status == 503
    assert "too many market-data requests" in body["detail"]
    assert gate.refused == 1
    assert (await held)[0] == 200


async def test_a_read_that_passes_the_deadline_answers_503_and_frees_its_slot(
    api: Api, container: Container, candles: HeldCandleStore
) -> None:
    gate = limited(container, slots=1, deadline_seconds=0.01)
    candles.go.clear()

    response = await api.client.get(DATA, params={**DAYS, "symbol": "BTC"}, headers=api.auth())
    candles.go.set()
    after = await api.client.get(DATA, params={**DAYS, "symbol": "BTC"}, headers=api.auth())

    assert (response.status, response.headers["Retry-After"]) == (503, "5")
    assert "did not answer in time" in (await response.json())["detail"]
    assert gate.timed_out == 1
    assert after.status == 200


async def test_answers_already_cached_are_served_while_every_slot_is_busy(
    api: Api, container: Container, candles: HeldCandleStore
) -> None:
    gate = limited(container, slots=1, waiting=0)
    cached = {**DAYS, "symbol": "ETH"}
    assert (await api.call("GET", DATA, params=cached))[0] == 200
    candles.go.clear()
    held = asyncio.create_task(api.call("GET", DATA, params={**DAYS, "symbol": "BTC"}))
    await until(lambda: candles.reading == 2)

    again, _ = await api.call("GET", DATA, params=cached)
    other, _ = await api.call("GET", DATA, params={**DAYS, "symbol": "SOL"})
    candles.go.set()

    assert (again, other) == (200, 503)
    assert gate.refused == 1
    assert (await held)[0] == 200
