"""A streamed answer is kept in the response cache only when it fits an entry: a larger one is
neither collected nor hashed, and is streamed again next time."""

from __future__ import annotations

from typing import Any

import pytest
from dependency_injector import providers

from adapters.inbound.http.ohlcv.limits import CandleLimits
from adapters.inbound.http.ohlcv.response_cache import ResponseCache
from adapters.outbound.memory.candle_store import InMemoryCandleStore
from bootstrap.container import Container
from tests.http.conftest import Api
from tests.support.marketdata import bars, ms

DATA = "/api/v1/ohlcv/data"
TWO_DAYS = {"symbol": "BTC", "start_date": "2023-01-01", "end_date": "2023-01-02"}


@pytest.fixture
def candles() -> InMemoryCandleStore:
    store = InMemoryCandleStore()
    store.add("BTC", bars(ms(2023, 1, 1), 2 * 24 * 60, seed=3))
    return store


def with_cache(container: Container, max_entry_bytes: int) -> ResponseCache:
    cache = ResponseCache(64 * 1024 * 1024, 60, max_entry_bytes=max_entry_bytes)
    container.market_data.ohlcv_cache.override(providers.Object(cache))
    container.market_data.candle_limits.override(
        providers.Object(CandleLimits(50_000, stream_above=100))
    )
    return cache


async def get(api: Api, **params: str) -> Any:
    return await api.client.get(DATA, params={**TWO_DAYS, **params}, headers=api.auth())


@pytest.mark.parametrize("fmt", ["json", "csv", "arrow"])
async def test_an_answer_larger_than_an_entry_is_streamed_each_time_and_never_offered(
    api: Api, container: Container, fmt: str
) -> None:
    cache = with_cache(container, max_entry_bytes=20_000)

    first = await get(api, timeframe="1m", format=fmt)
    first_body = await first.read()
    second = await get(api, timeframe="1m", format=fmt)

    assert len(first_body) > 20_000
    assert first.headers.get("Transfer-Encoding") == "chunked"
    assert second.headers.get("Transfer-Encoding") == "chunked"
    assert "ETag" not in second.headers
    assert await second.read() == first_body
    assert cache.bytes_used == 0
    assert cache.refused == 0  # never built into an entry (so never hashed), never offered


async def test_a_streamed_answer_that_fits_is_kept_and_served_with_an_etag(
    api: Api, container: Container
) -> None:
    cache = with_cache(container, max_entry_bytes=8 * 1024 * 1024)

    streamed = await get(api, timeframe="1m")
    body = await streamed.read()
    again = await get(api, timeframe="1m")

    assert streamed.headers.get("Transfer-Encoding") == "chunked"
    assert again.headers["ETag"]
    assert await again.read() == body
    assert cache.bytes_used >= len(body)


async def test_a_small_answer_over_the_entry_limit_is_answered_but_not_kept(
    api: Api, container: Container
) -> None:
    cache = with_cache(container, max_entry_bytes=300)

    hourly = await get(api, timeframe="1h")
    body = await hourly.read()

    assert hourly.status == 200
    assert len(body) > 300
    assert cache.bytes_used == 0
    assert cache.refused == 1


async def test_the_cache_tells_what_it_would_keep() -> None:
    cache = ResponseCache(1024 * 1024, 60, max_entry_bytes=1000)

    assert cache.fits(0)
    # 256 bytes of overhead, and a third of the body for its encoded forms (br, gzip).
    assert cache.fits(500)
    assert not cache.fits(700)
    assert not cache.fits(1000)
