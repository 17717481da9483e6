from __future__ import annotations

import io

import pyarrow as pa
import pytest

from adapters.outbound.memory.candle_store import InMemoryCandleStore
from tests.http.candle_api import DATA, JANUARY, btc_and_eth, get
from tests.http.conftest import Api
from tests.support.marketdata import bars, ms


@pytest.fixture
def candles() -> InMemoryCandleStore:
    return btc_and_eth()


async def test_symbols_are_listed_with_their_years(api: Api) -> None:
    status, body = await api.call("GET", "/api/v1/ohlcv/symbols")

    assert status == 200
    assert body["symbols"][0] == {
        "symbol": "BTC",
        "years": [2023],
        "first": "2023-01-01T00:00:00Z",
        "last": "2023-01-03T23:59:00Z",
        "first_date": "2023-01-01",
        "last_date": "2023-12-31",
    }


async def test_timeframes_list_the_common_ones_and_the_rules(api: Api) -> None:
    status, body = await api.call("GET", "/api/v1/ohlcv/timeframes")

    assert status == 200
    listed = {t["timeframe"]: t["seconds"] for t in body["timeframes"]}
    assert listed["1m"] == 60
    assert listed["4h"] == 4 * 3600
    assert listed["1w"] == 7 * 86400
    assert listed["1M"] is None
    assert "Monday" in body["rules"]


async def test_daily_candles_of_january_as_json_rows(api: Api) -> None:
    response = await get(api, {**JANUARY, "timeframe": "1d"})
    body = await response.json()

    assert response.status == 200
    assert body["symbol"] == "BTC"
    assert body["timeframe"] == "1d"
    assert body["count"] == 3
    assert [c["timestamp"] for c in body["candles"]] == [
        "2023-01-01T00:00:00Z",
        "2023-01-02T00:00:00Z",
        "2023-01-03T00:00:00Z",
    ]
    first_day = bars(ms(2023, 1, 1), 24 * 60, seed=1)
    assert body["candles"][0]["open"] == first_day[0][1]
    assert body["candles"][0]["close"] == first_day[-1][4]
    assert body["candles"][0]["volume"] == pytest.approx(sum(b[5] for b in first_day))
    assert body["next_cursor"] is None


async def test_the_columnar_layout_holds_one_array_per_field(api: Api) -> None:
    body = await (await get(api, {**JANUARY, "timeframe": "1d", "layout": "columns"})).json()

    assert set(body["columns"]) == {"timestamp", "open", "high", "low", "close", "volume"}
    assert len(body["columns"]["close"]) == 3


async def test_an_end_date_includes_its_whole_day_and_a_datetime_end_excludes(api: Api) -> None:
    whole_day = await (
        await get(
            api,
            {
                "symbol": "BTC",
                "start_date": "2023-01-02",
                "end_date": "2023-01-02",
                "timeframe": "1h",
            },
        )
    ).json()
    until_noon = await (
        await get(
            api,
            {
                "symbol": "BTC",
                "start_date": "2023-01-02",
                "end_date": "2023-01-02T12:00:00Z",
                "timeframe": "1h",
            },
        )
    ).json()

    assert whole_day["count"] == 24
    assert until_noon["count"] == 12


@pytest.mark.parametrize(("how", "media"), [({"format": "csv"}, "text/csv"), ({}, "text/csv")])
async def test_csv_by_format_or_accept(api: Api, how: dict[str, str], media: str) -> None:
    response = await get(api, {**JANUARY, "timeframe": "1d", **how}, Accept="text/csv")
    text = await response.text()

    assert response.status == 200
    assert response.content_type == media
    lines = text.strip().splitlines()
    assert lines[0] == "timestamp,open,high,low,close,volume"
    assert len(lines) == 4
    assert lines[1].startswith("2023-01-01T00:00:00Z,")


async def test_arrow_ipc_stream_on_request(api: Api) -> None:
    response = await get(
        api, {**JANUARY, "timeframe": "1h"}, Accept="application/vnd.apache.arrow.stream"
    )

    table = pa.ipc.open_stream(io.BytesIO(await response.read())).read_all()
    assert response.status == 200
    assert table.num_rows == 72
    assert table.schema.field("timestamp").type == pa.timestamp("ms", tz="UTC")


async def test_the_post_form_takes_several_symbols(api: Api) -> None:
    status, body = await api.call(
        "POST",
        DATA,
        json={
            "symbols": ["BTC", "ETH"],
            "start_date": "2023-01-01",
            "end_date": "2023-01-05",
            "timeframe": "1d",
        },
    )

    assert status == 200
    assert [(r["symbol"], r["count"]) for r in body["results"]] == [("BTC", 3), ("ETH", 2)]


async def test_pages_follow_the_cursor_to_the_end(api: Api) -> None:
    seen: list[str] = []
    params = {**JANUARY, "timeframe": "1h", "limit": "30"}
    while True:
        body = await (await get(api, params)).json()
        seen += [c["timestamp"] for c in body["candles"]]
        if body["next_cursor"] is None:
            break
        params = {**params, "cursor": body["next_cursor"]}

    assert len(seen) == 72
    assert seen == sorted(set(seen))


async def test_a_range_without_data_is_an_empty_list(api: Api) -> None:
    body = await (
        await get(api, {**JANUARY, "start_date": "2023-06-01", "end_date": "2023-06-30"})
    ).json()

    assert body["candles"] == []
    assert body["count"] == 0
