"""Every page of candles but the last says where the series goes on, in any format."""

from __future__ import annotations

import io
import re
from typing import Any

import pyarrow as pa
import pytest
from aiohttp import ClientResponse
from dependency_injector import providers

from adapters.inbound.http.routes.ohlcv import CandleLimits
from adapters.outbound.memory.candle_store import InMemoryCandleStore
from bootstrap.container import Container
from tests.http.conftest import Api
from tests.support.marketdata import bars, ms

DATA = "/api/v1/ohlcv/data"
ARROW = "application/vnd.apache.arrow.stream"
# Three days of minutes with gaps: 72 hourly candles, 864 five-minute ones.
RANGE = {"symbol": "BTC", "start_date": "2023-01-01", "end_date": "2023-01-03"}
ASKED = {
    "csv": ({"format": "csv"}, {}),
    "arrow": ({"format": "arrow"}, {}),
    "arrow by Accept": ({}, {"Accept": ARROW}),
    "csv by Accept": ({}, {"Accept": "text/csv"}),
}


@pytest.fixture
def candles() -> InMemoryCandleStore:
    store = InMemoryCandleStore()
    store.add("BTC", bars(ms(2023, 1, 1), 3 * 24 * 60, seed=1, gap_every=7))
    store.add("ETH", bars(ms(2023, 1, 1), 2 * 24 * 60, seed=2))
    return store


def next_link(response: ClientResponse) -> str | None:
    link = response.headers.get("Link")
    if link is None:
        return None
    match = re.fullmatch(r'<(/[^>]*)>; rel="next"', link)
    assert match, link
    return match.group(1)


def rows_of(body: bytes, arrow: bool) -> list[Any]:
    if arrow:
        return pa.ipc.open_stream(io.BytesIO(body)).read_all().to_pylist()
    header, *lines = body.decode().splitlines()
    assert header == "timestamp,open,high,low,close,volume"
    return lines


async def follow(api: Api, url: str, params: dict[str, str], headers: dict[str, str]) -> list[Any]:
    """Every row of every page, following Link to the end; checks each page's headers."""
    arrow = params.get("format") == "arrow" or headers.get("Accept") == ARROW
    rows: list[Any] = []
    response = await api.client.get(url, params=params, headers={**api.auth(), **headers})
    while True:
        assert response.status == 200
        rows += rows_of(await response.read(), arrow)
        link = next_link(response)
        if link is None:
            assert "X-Next-Cursor" not in response.headers
            return rows
        assert link.startswith(DATA + "?")
        assert f"cursor={response.headers['X-Next-Cursor']}" in link
        response = await api.client.get(link, headers={**api.auth(), **headers})


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
    container.ohlcv_cache.reset()
    container.candle_limits.override(providers.Object(CandleLimits(25)))

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
    container.candle_limits.override(providers.Object(CandleLimits(50_000, stream_above=10)))

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


async def test_a_post_is_continued_by_sending_its_body_again_with_the_cursor(api: Api) -> None:
    body: dict[str, Any] = {**RANGE, "timeframe": "1h", "format": "csv", "limit": 20}
    whole = await follow(api, DATA, {**RANGE, "timeframe": "1h", "format": "csv"}, {})
    rows: list[str] = []
    pages = 0
    while True:
        response = await api.client.post(DATA, json=body, headers=api.auth())
        rows += rows_of(await response.read(), arrow=False)
        pages += 1
        assert "Link" not in response.headers
        cursor = response.headers.get("X-Next-Cursor")
        if cursor is None:
            break
        body = {**body, "cursor": cursor}

    assert pages == 4
    assert rows == whole


async def test_several_symbols_continue_one_by_one_from_their_own_next_cursor(api: Api) -> None:
    both = {"symbols": ["BTC", "ETH"], **{k: RANGE[k] for k in ("start_date", "end_date")}}
    one = {**both, "symbols": ["BTC"]}

    several = await api.client.post(
        DATA, json={**both, "timeframe": "1h", "limit": 10}, headers=api.auth()
    )
    single = await api.client.post(
        DATA, json={**one, "timeframe": "1h", "limit": 5, "format": "arrow"}, headers=api.auth()
    )

    results = (await several.json())["results"]
    assert all(result["next_cursor"] for result in results)
    assert "X-Next-Cursor" not in several.headers
    assert "Link" not in several.headers
    assert single.headers["X-Next-Cursor"] == results[0]["next_cursor"]


async def test_a_revalidated_page_still_says_where_the_series_goes_on(api: Api) -> None:
    query = {**RANGE, "timeframe": "1h", "format": "arrow", "limit": "10"}
    first = await api.client.get(DATA, params=query, headers=api.auth())

    again = await api.client.get(
        DATA, params=query, headers={**api.auth(), "If-None-Match": first.headers["ETag"]}
    )

    assert again.status == 304
    assert again.headers["X-Next-Cursor"] == first.headers["X-Next-Cursor"]
    assert next_link(again) == next_link(first)
