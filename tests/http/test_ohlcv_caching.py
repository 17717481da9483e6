"""Candle answers are cached (for good, or briefly near today), streamed when large, and a
storage outage is a 503 that leaves the rest of the API working."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from dependency_injector import providers

from adapters.inbound.http.ohlcv.limits import CandleLimits
from adapters.outbound.memory.candle_store import InMemoryCandleStore
from bootstrap.container import Container
from core.domain.candles import CandleQuery, CandleSeries, SourceResolution, SymbolCoverage
from core.domain.errors import Unavailable
from core.domain.values import Symbol
from tests.http.candle_api import DATA, JANUARY, btc_and_eth, get
from tests.http.conftest import Api
from tests.support.marketdata import bars, ms

BROTLI = {"Accept-Encoding": "br"}


@pytest.fixture
def candles() -> InMemoryCandleStore:
    return btc_and_eth()


async def test_past_ranges_are_cached_for_good_with_an_etag(
    api: Api, candles: InMemoryCandleStore
) -> None:
    first = await get(api, {**JANUARY, "timeframe": "1d"})
    candles.add("BTC", [(ms(2023, 1, 1), 1.0, 1.0, 1.0, 1.0, 1.0)])
    again = await get(api, {**JANUARY, "timeframe": "1d"})
    revalidated = await get(
        api, {**JANUARY, "timeframe": "1d"}, **{"If-None-Match": first.headers["ETag"]}
    )

    assert "immutable" in first.headers["Cache-Control"]
    assert await again.read() == await first.read()
    assert revalidated.status == 304
    assert revalidated.headers["ETag"] == first.headers["ETag"]


async def test_ranges_that_touch_today_are_cached_briefly(
    api: Api, candles: InMemoryCandleStore
) -> None:
    now = datetime.now(UTC).replace(second=0, microsecond=0)
    candles.add("NOW", bars(int((now - timedelta(hours=2)).timestamp() * 1000), 60))
    params = {
        "symbol": "NOW",
        "start_date": (now - timedelta(days=1)).date().isoformat(),
        "end_date": now.date().isoformat(),
        "timeframe": "1h",
    }

    response = await get(api, params)

    assert response.status == 200
    assert response.headers["Cache-Control"] == "private, max-age=60"


async def test_a_head_revalidation_names_the_etag_and_coding_its_head_answer_had(
    api: Api,
) -> None:
    params = {**JANUARY, "timeframe": "1m"}
    await get(api, params)  # cached from here on
    head = await api.client.head(DATA, params=params, headers={**api.auth(), **BROTLI})

    again = await api.client.head(
        DATA,
        params=params,
        headers={**api.auth(), **BROTLI, "If-None-Match": head.headers["ETag"]},
    )

    assert head.headers["ETag"].startswith("W/")
    assert again.status == 304
    assert again.headers["ETag"] == head.headers["ETag"]
    assert again.headers["Content-Encoding"] == head.headers["Content-Encoding"] == "br"


class UnreachableStore:
    async def symbols(self, source: SourceResolution) -> list[SymbolCoverage]:
        raise Unavailable("market-data storage unreachable: connection refused")

    async def coverage(self, symbol: Symbol, source: SourceResolution) -> SymbolCoverage:
        raise Unavailable("market-data storage unreachable: connection refused")

    async def candles(self, query: CandleQuery) -> CandleSeries:
        raise Unavailable("market-data storage unreachable: connection refused")

    async def bars(self, query: CandleQuery) -> CandleSeries:
        raise Unavailable("market-data storage unreachable: connection refused")


async def test_unreachable_storage_is_503_and_the_rest_keeps_working(
    api: Api, container: Container
) -> None:
    container.market_data.candle_store.override(providers.Object(UnreachableStore()))

    data = await get(api, JANUARY)
    symbols = await api.client.get("/api/v1/ohlcv/symbols", headers=api.auth())
    backtests = await api.client.get("/api/v1/backtests", headers=api.auth())

    assert data.status == 503
    assert "unreachable" in (await data.json())["detail"]
    assert symbols.status == 503
    assert backtests.status == 200


@pytest.mark.parametrize("fmt", ["json", "csv", "arrow"])
async def test_large_answers_are_streamed_then_served_from_cache_with_an_etag(
    api: Api, container: Container, fmt: str
) -> None:
    params = {**JANUARY, "timeframe": "1h", "format": fmt}
    whole = await (await get(api, params)).read()
    container.market_data.ohlcv_cache.reset()
    container.market_data.candle_limits.override(
        providers.Object(CandleLimits(50_000, stream_above=10))
    )

    streamed = await get(api, params)
    streamed_body = await streamed.read()
    again = await get(api, params)

    assert streamed.headers.get("Transfer-Encoding") == "chunked"
    assert "ETag" not in streamed.headers
    assert streamed_body == whole
    assert again.headers["ETag"]
    assert await again.read() == whole
