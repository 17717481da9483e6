"""What the candle endpoint tests share: the path, a month of BTC, a store of BTC and ETH."""

from __future__ import annotations

from typing import Any

from adapters.outbound.memory.candle_store import InMemoryCandleStore
from core.domain.candles import CandleQuery, CandleSeries
from tests.http.conftest import Api
from tests.support.marketdata import bars, ms

DATA = "/api/v1/ohlcv/data"
JANUARY = {"symbol": "BTC", "start_date": "2023-01-01", "end_date": "2023-01-31"}


class CountingCandleStore(InMemoryCandleStore):
    """The in-memory twin (it passes the store contract suite), counting its candle reads."""

    def __init__(self) -> None:
        super().__init__()
        self.reads = 0

    async def candles(self, query: CandleQuery) -> CandleSeries:
        self.reads += 1  # bars() reads through candles(): one read is counted once
        return await super().candles(query)


def btc_and_eth(store: InMemoryCandleStore | None = None) -> InMemoryCandleStore:
    """Three days of BTC minutes and two of ETH, from 2023-01-01 (into `store` when given)."""
    store = store if store is not None else InMemoryCandleStore()
    store.add("BTC", bars(ms(2023, 1, 1), 3 * 24 * 60, seed=1))
    store.add("ETH", bars(ms(2023, 1, 1), 2 * 24 * 60, seed=2))
    return store


async def get(api: Api, params: dict[str, str], **headers: str) -> Any:
    return await api.client.get(DATA, params=params, headers={**api.auth(), **headers})
