"""What the candle endpoint tests share: the path, a month of BTC, a store of BTC and ETH."""

from __future__ import annotations

from typing import Any

from adapters.outbound.memory.candle_store import InMemoryCandleStore
from tests.http.conftest import Api
from tests.support.marketdata import bars, ms

DATA = "/api/v1/ohlcv/data"
JANUARY = {"symbol": "BTC", "start_date": "2023-01-01", "end_date": "2023-01-31"}


def btc_and_eth() -> InMemoryCandleStore:
    """Three days of BTC minutes and two of ETH, from 2023-01-01."""
    store = InMemoryCandleStore()
    store.add("BTC", bars(ms(2023, 1, 1), 3 * 24 * 60, seed=1))
    store.add("ETH", bars(ms(2023, 1, 1), 2 * 24 * 60, seed=2))
    return store


async def get(api: Api, params: dict[str, str], **headers: str) -> Any:
    return await api.client.get(DATA, params=params, headers={**api.auth(), **headers})
