"""Dates, times and cursors at the edges of the calendar are refused with 422, never a 500."""

from __future__ import annotations

import base64
import json
import uuid
from typing import Any

import pytest

from adapters.outbound.memory.candle_store import InMemoryCandleStore
from tests.http.conftest import FIRST_BACKTEST, Api
from tests.support.marketdata import bars, ms

DATA = "/api/v1/ohlcv/data"
EDGE_TIMES = ("0001-01-01T00:00:00+05:00", "9999-12-31T23:59:59-05:00")


@pytest.fixture
def candles() -> InMemoryCandleStore:
    store = InMemoryCandleStore()
    store.add("BTC", bars(ms(2023, 1, 1), 2 * 24 * 60, seed=1))
    return store


def page_cursor(at: str) -> str:
    """A cursor in the format core.domain.pagination writes, pointing at `at`."""
    raw = json.dumps([at, str(uuid.uuid4())]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def candle_cursor(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def field_errors(body: Any) -> dict[str, Any]:
    return dict(body.get("errors") or {})


@pytest.mark.parametrize(
    ("start", "end", "field"),
    [
        ("2023-01-01", "9999-12-31", "end_date"),
        ("0001-01-01T00:00:00+05:00", "2023-01-02", "start_date"),
        ("2023-01-01", "9999-12-31T23:59:59-05:00", "end_date"),
        ("1899-12-31", "2023-01-02", "start_date"),
        ("2023-01-01", "2201-01-01", "end_date"),
    ],
)
async def test_candle_dates_outside_the_supported_calendar_are_422_naming_the_field(
    api: Api, start: str, end: str, field: str
) -> None:
    status, body = await api.call(
        "GET", DATA, params={"symbol": "BTC", "start_date": start, "end_date": end}
    )

    assert status == 422
    assert "1900-01-01" in field_errors(body)[field][0]


async def test_the_edges_of_the_supported_calendar_are_accepted(api: Api) -> None:
    status, body = await api.call(
        "GET", DATA, params={"symbol": "BTC", "start_date": "1900-01-01", "end_date": "2200-12-31"}
    )

    assert status == 200
    assert body["count"] == 2


@pytest.mark.parametrize("text", ["c1000000000000000", "c-99999999999999", "c99999999999999999999"])
async def test_a_candle_cursor_outside_the_calendar_is_refused(api: Api, text: str) -> None:
    params = {"symbol": "BTC", "start_date": "2023-01-01", "end_date": "2023-01-02"}

    status, body = await api.call("GET", DATA, params={**params, "cursor": candle_cursor(text)})

    assert status == 422
    assert "cursor" in field_errors(body)


@pytest.mark.parametrize("at", [*EDGE_TIMES, "0001-01-01T00:00:00+00:00", "9999-12-31T00:00:00Z"])
async def test_forged_page_cursors_at_the_calendar_edges_are_refused(api: Api, at: str) -> None:
    _, backtest = await api.call("POST", "/api/v1/backtests", json=FIRST_BACKTEST)
    await api.call("POST", "/api/v1/strategies", json={"name": "s", "parameters": {}})
    lists = ("/api/v1/backtests", "/api/v1/strategies", f"/api/v1/trades/backtest/{backtest['id']}")

    answers = [await api.call("GET", path, params={"cursor": page_cursor(at)}) for path in lists]

    assert [status for status, _ in answers] == [422, 422, 422]
    assert all("cursor" in field_errors(body) for _, body in answers)


@pytest.mark.parametrize(
    ("field", "at"),
    [("entry_time", EDGE_TIMES[0]), ("entry_time", EDGE_TIMES[1]), ("exit_time", EDGE_TIMES[1])],
)
async def test_a_trade_time_at_a_calendar_edge_is_422_and_nothing_is_stored(
    api: Api, field: str, at: str
) -> None:
    _, backtest = await api.call("POST", "/api/v1/backtests", json=FIRST_BACKTEST)
    trade = {
        "backtest_id": backtest["id"],
        "side": "long",
        "quantity": 1,
        "entry_time": "2023-02-01T10:00:00Z",
        "entry_price": 100,
        "exit_time": "2023-02-01T12:00:00Z",
        "exit_price": 110,
    }

    status, body = await api.call("POST", "/api/v1/trades", json={**trade, field: at})
    listed, page = await api.call("GET", f"/api/v1/trades/backtest/{backtest['id']}")

    assert status == 422
    assert field in field_errors(body)
    assert (listed, page["items"]) == (200, [])
