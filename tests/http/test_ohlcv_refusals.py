"""Market-data requests that are refused: named limits, unknown symbols, bad parameters,
no token, malformed bodies and cursors; each a problem naming what to change."""

from __future__ import annotations

import pytest
from dependency_injector import providers

from adapters.inbound.http.ohlcv.limits import CandleLimits
from bootstrap.container import Container
from tests.http.candle_api import DATA, JANUARY, CountingCandleStore, btc_and_eth, get
from tests.http.conftest import Api


@pytest.fixture
def candles() -> CountingCandleStore:
    store = CountingCandleStore()
    btc_and_eth(store)
    return store


async def test_a_limit_above_the_server_maximum_is_refused_naming_it(
    api: Api, container: Container
) -> None:
    container.market_data.candle_limits.override(providers.Object(CandleLimits(100)))

    response = await get(api, {**JANUARY, "timeframe": "1m", "limit": "101"})
    problem = await response.json()

    assert response.status == 422
    assert "100" in problem["errors"]["limit"][0]


async def test_a_limit_above_the_server_maximum_is_refused_before_any_read(
    api: Api, container: Container, candles: CountingCandleStore
) -> None:
    container.market_data.candle_limits.override(providers.Object(CandleLimits(100)))

    response = await get(api, {**JANUARY, "limit": "101"})

    assert response.status == 422
    assert candles.reads == 0


async def test_a_refused_csv_for_several_symbols_is_not_kept_and_is_read_again(
    api: Api, container: Container, candles: CountingCandleStore
) -> None:
    container.market_data.candle_limits.override(providers.Object(CandleLimits(10)))
    body = {"symbols": ["BTC", "ETH"], "format": "csv", **JANUARY, "timeframe": "1h"}
    del body["symbol"]

    first, _ = await api.call("POST", DATA, json=body)
    reads = candles.reads
    again, _ = await api.call("POST", DATA, json=body)

    assert (first, again) == (422, 422)
    assert reads > 0
    assert candles.reads == 2 * reads


async def test_several_symbols_as_csv_must_fit_one_page(api: Api, container: Container) -> None:
    container.market_data.candle_limits.override(providers.Object(CandleLimits(10)))

    status, problem = await api.call(
        "POST",
        DATA,
        json={
            "symbols": ["BTC", "ETH"],
            "format": "csv",
            **{k: JANUARY[k] for k in ("start_date", "end_date")},
            "timeframe": "1h",
        },
    )

    assert status == 422
    assert "5 candles per symbol" in problem["errors"]["end_date"][0]


async def test_an_unknown_symbol_is_not_found(api: Api) -> None:
    response = await get(api, {**JANUARY, "symbol": "DOGE"})

    assert response.status == 404


@pytest.mark.parametrize(
    ("params", "field", "hint"),
    [
        ({"timeframe": "2w"}, "timeframe", "1w or 1M"),
        ({"timeframe": "fortnight"}, "timeframe", "1w or 1M"),
        ({"start_date": "01/01/2023"}, "start_date", "YYYY-MM-DD"),
        ({"end_date": "2022-12-01"}, "end_date", "after start_date"),
        ({"source_resolution": "1d"}, "source_resolution", "1Y"),
        ({"format": "xml"}, "format", "json"),
        ({"symbol": "BTC USD"}, "symbol", "letters"),
    ],
)
async def test_bad_parameters_are_refused_naming_the_allowed_forms(
    api: Api, params: dict[str, str], field: str, hint: str
) -> None:
    response = await get(api, {**JANUARY, **params})
    problem = await response.json()

    assert response.status == 422
    assert hint in " ".join(problem["errors"][field])


async def test_market_data_needs_a_token(api: Api) -> None:
    response = await api.client.get(DATA, params=JANUARY)

    assert response.status == 401


@pytest.mark.parametrize(
    "body",
    [
        {"start_date": "2023-01-01", "end_date": "2023-01-02"},
        {"symbol": "BTC", "symbols": ["ETH"], "start_date": "2023-01-01", "end_date": "2023-01-02"},
        {"symbols": [], "start_date": "2023-01-01", "end_date": "2023-01-02"},
        {"symbols": ["BTC"] * 21, "start_date": "2023-01-01", "end_date": "2023-01-02"},
        {"symbol": "BTC", "start_date": "2023-01-01", "end_date": "2023-01-02", "extra": 1},
    ],
)
async def test_a_post_body_must_name_its_symbols_one_way(api: Api, body: dict[str, object]) -> None:
    status, problem = await api.call("POST", DATA, json=body)

    assert status == 422
    assert problem["errors"]


async def test_a_cursor_for_several_symbols_is_refused(api: Api) -> None:
    status, problem = await api.call(
        "POST",
        DATA,
        json={
            "symbols": ["BTC", "ETH"],
            "start_date": "2023-01-01",
            "end_date": "2023-01-02",
            "cursor": "YzE",
        },
    )

    assert status == 422
    assert "cursor" in problem["errors"]


async def test_a_forged_cursor_is_refused(api: Api) -> None:
    response = await get(api, {**JANUARY, "cursor": "not-ours"})

    assert response.status == 422
