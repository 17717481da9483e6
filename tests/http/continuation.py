"""Following a series of candles page by page, for the continuation tests."""

from __future__ import annotations

import io
import re
from typing import Any

import pyarrow as pa
from aiohttp import ClientResponse

from adapters.outbound.memory.candle_store import InMemoryCandleStore
from tests.http.conftest import Api
from tests.support.marketdata import bars, ms

DATA = "/api/v1/ohlcv/data"
ARROW = "application/vnd.apache.arrow.stream"
# Three days of minutes with gaps: 72 hourly candles, 864 five-minute ones.
RANGE = {"symbol": "BTC", "start_date": "2023-01-01", "end_date": "2023-01-03"}


def btc_with_gaps_and_eth() -> InMemoryCandleStore:
    """Three days of BTC minutes with gaps and two of ETH, from 2023-01-01."""
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
