"""Every page of candles but the last says where the series goes on, in any format."""

from __future__ import annotations

import pytest
from dependency_injector import providers

from adapters.inbound.http.ohlcv.limits import CandleLimits
from adapters.outbound.memory.candle_store import InMemoryCandleStore
from bootstrap.container import Container
from tests.http.conftest import Api
from tests.http.continuation import (
    ARROW,
    DATA,
    RANGE,
    btc_with_gaps_and_eth,
    follow,
    next_link,
    rows_of,
)

ASKED = {
    "csv": ({"format": "csv"}, {}),
    "arrow": ({"format": "arrow"}, {}),
    "arrow by Accept": ({}, {"Accept": ARROW}),
    "csv by Accept": ({}, {"Accept": "text/csv"}),
}


@pytest.fixture
def candles() -> InMemoryCandleStore:
    return btc_with_gaps_and_eth()


@pytest.mark.parametrize("asked", ASKED, ids=list(ASKED))
@pytest.mark.parametrize(("timeframe", "limit"), [("1h", 1), ("1h", 7), ("1h", 71), ("5m", 100)])
async def test_csv_and_arrow_pages_follow_their_links_to_the_whole_series(
    api: Api, asked: str, timeframe: str, limit: int
) -> None:
    params, headers = ASKED[asked]
    query = {**RANGE, "timeframe": timeframe, **params}

    whole = await follow(api, DATA, query, headers)
    paged = await follow(api, DATA, {**query, "limit": str(limit)}, headers)

    assert len(whole) == {"1h": 72, "5m": 864}[timeframe]
    assert paged == whole


async def test_the_server_limit_pages_answers_that_ask_for_no_limit(
    api: Api, container: Container
) -> None:
    query = {**RANGE, "timeframe": "1h", "format": "csv"}
    whole = await follow(api, DATA, query, {})
    container.market_data.ohlcv_cache.reset()
    container.market_data.candle_limits.override(providers.Object(CandleLimits(25)))

    first = await api.client.get(DATA, params=query, headers=api.auth())
    paged = await follow(api, DATA, query, {})

    assert len(rows_of(await first.read(), arrow=False)) == 25
    assert next_link(first) is not None
    assert paged == whole


@pytest.mark.parametrize("fmt", ["csv", "arrow", "json"])
async def test_streamed_pages_carry_their_links_too(
    api: Api, container: Container, fmt: str
) -> None:
    query = {**RANGE, "timeframe": "5m", "format": fmt, "limit": "300"}
    container.market_data.candle_limits.override(
        providers.Object(CandleLimits(50_000, stream_above=10))
    )

    streamed = await api.client.get(DATA, params=query, headers=api.auth())
    await streamed.read()
    cached = await api.client.get(DATA, params=query, headers=api.auth())

    assert streamed.headers.get("Transfer-Encoding") == "chunked"
    assert next_link(streamed) == next_link(cached) is not None
    assert streamed.headers["X-Next-Cursor"] == cached.headers["X-Next-Cursor"]
    if fmt != "json":
        assert await follow(api, DATA, query, {}) == await follow(
            api, DATA, {**query, "limit": "1000"}, {}
        )


async def test_json_pages_carry_their_next_cursor_in_the_headers_too(api: Api) -> None:
    query = {**RANGE, "timeframe": "1h", "limit": "30"}
    cursors: list[tuple[str | None, str | None]] = []
    url: str | None = DATA
    params: dict[str, str] | None = query
    while url is not None:
        response = await api.client.get(url, params=params, headers=api.auth())
        body = await response.json()
        cursors.append((body["next_cursor"], response.headers.get("X-Next-Cursor")))
        url, params = next_link(response), None

    assert len(cursors) == 3
    assert all(in_body == in_header for in_body, in_header in cursors)
    assert cursors[-1] == (None, None)


async def test_a_link_keeps_the_rest_of_the_query_and_one_cursor(api: Api) -> None:
    query = {**RANGE, "timeframe": "1h", "format": "csv", "limit": "10", "source_resolution": "1Y"}

    first = await api.client.get(DATA, params=query, headers=api.auth())
    second = await api.client.get(str(next_link(first)), headers=api.auth())
    link = next_link(second)

    assert link is not None
    assert all(f"{name}={value}" in link for name, value in query.items())
    assert link.count("cursor=") == 1
    assert link != next_link(first)


async def test_a_revalidated_page_still_says_where_the_series_goes_on(api: Api) -> None:
    query = {**RANGE, "timeframe": "1h", "format": "arrow", "limit": "10"}
    first = await api.client.get(DATA, params=query, headers=api.auth())

    again = await api.client.get(
        DATA, params=query, headers={**api.auth(), "If-None-Match": first.headers["ETag"]}
    )

    assert again.status == 304
    assert again.headers["X-Next-Cursor"] == first.headers["X-Next-Cursor"]
    assert next_link(again) == next_link(first)
