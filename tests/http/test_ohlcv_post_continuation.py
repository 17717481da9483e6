"""A POST for candles goes on by sending its body again with the page's next cursor."""

from __future__ import annotations

from typing import Any

import pytest

from adapters.outbound.memory.candle_store import InMemoryCandleStore
from tests.http.conftest import Api
from tests.http.continuation import DATA, RANGE, btc_with_gaps_and_eth, follow, rows_of


@pytest.fixture
def candles() -> InMemoryCandleStore:
    return btc_with_gaps_and_eth()


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
