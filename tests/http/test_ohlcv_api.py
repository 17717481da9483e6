from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta
from typing import Any

import pyarrow as pa
import pytest
from dependency_injector import providers

from adapters.inbound.http.routes.ohlcv import CandleLimits
from adapters.outbound.memory.candle_store import InMemoryCandleStore
from bootstrap.container import Container
from core.domain.candles import CandleQuery, CandleSeries, SourceResolution, SymbolCoverage
from core.domain.errors import Unavailable
from core.domain.values import Symbol
from tests.http.conftest import Api
from tests.support.marketdata import bars, ms

DATA = "/api/v1/ohlcv/data"
JANUARY = {"symbol": "BTC", "start_date": "2023-01-01", "end_date": "2023-01-31"}


@pytest.fixture
def candles() -> InMemoryCandleStore:
    store = InMemoryCandleStore()
    store.add("BTC", bars(ms(2023, 1, 1), 3 * 24 * 60, seed=1))
    store.add("ETH", bars(ms(2023, 1, 1), 2 * 24 * 60, seed=2))
    return store


async def get(api: Api, params: dict[str, str], **headers: str) -> Any:
    return await api.client.get(DATA, params=params, headers={**api.auth(), **headers})


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


async def test_a_limit_above_the_server_maximum_is_refused_naming_it(
    api: Api, container: Container
) -> None:
    container.candle_limits.override(providers.Object(CandleLimits(100)))

    response = await get(api, {**JANUARY, "timeframe": "1m", "limit": "101"})
    problem = await response.json()

    assert response.status == 422
    assert "100" in problem["errors"]["limit"][0]


async def test_several_symbols_as_csv_must_fit_one_page(api: Api, container: Container) -> None:
    container.candle_limits.override(providers.Object(CandleLimits(10)))

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


async def test_a_range_without_data_is_an_empty_list(api: Api) -> None:
    body = await (
        await get(api, {**JANUARY, "start_date": "2023-06-01", "end_date": "2023-06-30"})
    ).json()

    assert body["candles"] == []
    assert body["count"] == 0


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


async def test_past_ranges_are_cached_for_good_with_an_etag(
    api: Api, candles: InMemoryCandleStore
) -> None:
    first = await get(api, {**JANUARY, "timeframe": "1d"})
    candles.add("BTC", [(ms(2023, 1, 1), 1.0, 1.0, 1.0, 1.0, 1.0)])
    again = await get(api, {**JANUARY, "timeframe": "1d"})
    revalidated = await get(
        api, {**JANUARY, "timeframe": "1d"}, **{"If-None-Match": first.headers["ETag"]}
    )

    assert "immutable" in first.headers["Cache-Control"]
    assert await again.read() == await first.read()
    assert revalidated.status == 304
    assert revalidated.headers["ETag"] == first.headers["ETag"]


async def test_ranges_that_touch_today_are_cached_briefly(
    api: Api, candles: InMemoryCandleStore
) -> None:
    now = datetime.now(UTC).replace(second=0, microsecond=0)
    candles.add("NOW", bars(int((now - timedelta(hours=2)).timestamp() * 1000), 60))
    params = {
        "symbol": "NOW",
        "start_date": (now - timedelta(days=1)).date().isoformat(),
        "end_date": now.date().isoformat(),
        "timeframe": "1h",
    }

    response = await get(api, params)

    assert response.status == 200
    assert response.headers["Cache-Control"] == "private, max-age=60"


class UnreachableStore:
    async def symbols(self, source: SourceResolution) -> list[SymbolCoverage]:
        raise Unavailable("market-data storage unreachable: connection refused")

    async def coverage(self, symbol: Symbol, source: SourceResolution) -> SymbolCoverage:
        raise Unavailable("market-data storage unreachable: connection refused")

    async def candles(self, query: CandleQuery) -> CandleSeries:
        raise Unavailable("market-data storage unreachable: connection refused")


async def test_unreachable_storage_is_503_and_the_rest_keeps_working(
    api: Api, container: Container
) -> None:
    container.candle_store.override(providers.Object(UnreachableStore()))

    data = await get(api, JANUARY)
    symbols = await api.client.get("/api/v1/ohlcv/symbols", headers=api.auth())
    backtests = await api.client.get("/api/v1/backtests", headers=api.auth())

    assert data.status == 503
    assert "unreachable" in (await data.json())["detail"]
    assert symbols.status == 503
    assert backtests.status == 200


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


@pytest.mark.parametrize("fmt", ["json", "csv", "arrow"])
async def test_large_answers_are_streamed_then_served_from_cache_with_an_etag(
    api: Api, container: Container, fmt: str
) -> None:
    params = {**JANUARY, "timeframe": "1h", "format": fmt}
    whole = await (await get(api, params)).read()
    container.ohlcv_cache.reset()
    container.candle_limits.override(providers.Object(CandleLimits(50_000, stream_above=10)))

    streamed = await get(api, params)
    streamed_body = await streamed.read()
    again = await get(api, params)

    assert streamed.headers.get("Transfer-Encoding") == "chunked"
    assert "ETag" not in streamed.headers
    assert streamed_body == whole
    assert again.headers["ETag"]
    assert await again.read() == whole
