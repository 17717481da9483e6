"""Candles are encoded in worker threads (the candle limits' encoders): the event loop only
sends the bytes."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np
import pytest
from dependency_injector import providers

from adapters.inbound.http.ohlcv.limits import CandleLimits
from adapters.outbound.memory.candle_store import InMemoryCandleStore
from bootstrap.container import Container
from core.domain.candles import CandleQuery, CandleSeries
from tests.http.conftest import Api
from tests.support.marketdata import bars, ms

DATA = "/api/v1/ohlcv/data"
COLUMNS = ("times", "open", "high", "low", "close", "volume")
DAY = {"symbol": "BTC", "start_date": "2023-01-01", "end_date": "2023-01-01", "timeframe": "1m"}


class Column(list[Any]):
    """A column that notes the threads its values are read from as an array."""

    def __init__(self, values: list[Any], readers: set[str]) -> None:
        super().__init__(values)
        self.readers = readers

    def __array__(self, dtype: Any = None, copy: Any = None) -> np.ndarray:
        self.readers.add(threading.current_thread().name)
        return np.array(list(self), dtype=dtype)


class NotingCandleStore(InMemoryCandleStore):
    def __init__(self) -> None:
        super().__init__()
        self.readers: set[str] = set()

    async def bars(self, query: CandleQuery) -> CandleSeries:
        series = await super().bars(query)
        noted = [Column(list(getattr(series, name)), self.readers) for name in COLUMNS]
        return CandleSeries(series.symbol, series.timeframe, *noted)


@pytest.fixture
def candles() -> NotingCandleStore:
    store = NotingCandleStore()
    store.add("BTC", bars(ms(2023, 1, 1), 24 * 60, seed=4))
    return store


@pytest.mark.parametrize("fmt", ["json", "csv", "arrow"])
@pytest.mark.parametrize("stream_above", [10, 10_000])
async def test_answers_are_encoded_off_the_event_loop(
    api: Api, container: Container, candles: NotingCandleStore, fmt: str, stream_above: int
) -> None:
    encoders = ThreadPoolExecutor(1, thread_name_prefix="test-encoder")
    limits = CandleLimits(50_000, stream_above=stream_above, encoders=encoders)
    container.market_data.candle_limits.override(providers.Object(limits))

    response = await api.client.get(DATA, params={**DAY, "format": fmt}, headers=api.auth())
    await response.read()
    encoders.shutdown()

    assert response.status == 200
    assert candles.readers
    assert all(name.startswith("test-encoder") for name in candles.readers), candles.readers


def test_the_app_encodes_with_its_own_pool(container: Container) -> None:
    market_data = container.market_data
    assert market_data.candle_limits().encoders is market_data.encoders()
