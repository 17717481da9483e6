"""Candle times as epoch milliseconds (time_format=epoch_ms), for chart libraries."""

from __future__ import annotations

import io
from datetime import datetime
from typing import Any

import pyarrow as pa
import pytest
from dependency_injector import providers

from adapters.inbound.http.ohlcv.limits import CandleLimits
from adapters.inbound.http.schemas.ohlcv import CandlesSchema
from adapters.outbound.memory.candle_store import InMemoryCandleStore
from bootstrap.container import Container
from tests.http.conftest import Api
from tests.support.marketdata import bars, ms

DATA = "/api/v1/ohlcv/data"
RANGE = {"symbol": "BTC", "start_date": "2023-01-01", "end_date": "2023-01-02", "timeframe": "1h"}


@pytest.fixture
def candles() -> InMemoryCandleStore:
    store = InMemoryCandleStore()
    store.add("BTC", bars(ms(2023, 1, 1), 2 * 24 * 60, seed=1, gap_every=5))
    store.add("ETH", bars(ms(2023, 1, 1, 6), 24 * 60, seed=2))
    return store


def epoch_ms(iso: str) -> int:
    return int(datetime.fromisoformat(iso).timestamp() * 1000)


async def fetch(api: Api, method: str, fields: dict[str, Any], **headers: str) -> Any:
    if method == "GET":
        params = {name: str(value) for name, value in fields.items()}
        return await api.client.get(DATA, params=params, headers={**api.auth(), **headers})
    return await api.client.post(DATA, json=fields, headers={**api.auth(), **headers})


@pytest.mark.parametrize("method", ["GET", "POST"])
async def test_json_rows_carry_the_same_instants_as_epoch_milliseconds(
    api: Api, method: str
) -> None:
    iso = await (await fetch(api, method, RANGE)).json()
    epoch = await (await fetch(api, method, {**RANGE, "time_format": "epoch_ms"})).json()

    assert len(iso["candles"]) == 48
    assert [c["timestamp"] for c in epoch["candles"]] == [
        epoch_ms(c["timestamp"]) for c in iso["candles"]
    ]
    assert [{**c, "timestamp": 0} for c in epoch["candles"]] == [
        {**c, "timestamp": 0} for c in iso["candles"]
    ]
    assert (epoch["start"], epoch["end"]) == (iso["start"], iso["end"])
    assert CandlesSchema().validate(epoch) == {}


@pytest.mark.parametrize("method", ["GET", "POST"])
async def test_json_columns_carry_epoch_milliseconds_too(api: Api, method: str) -> None:
    columns = {**RANGE, "layout": "columns"}

    iso = await (await fetch(api, method, columns)).json()
    epoch = await (await fetch(api, method, {**columns, "time_format": "epoch_ms"})).json()

    assert epoch["columns"]["timestamp"] == [epoch_ms(t) for t in iso["columns"]["timestamp"]]
    assert epoch["columns"]["close"] == iso["columns"]["close"]


@pytest.mark.parametrize("method", ["GET", "POST"])
async def test_csv_writes_epoch_milliseconds_in_its_time_column(api: Api, method: str) -> None:
    as_csv = {**RANGE, "format": "csv"}

    iso = (await (await fetch(api, method, as_csv)).text()).splitlines()
    epoch = await (await fetch(api, method, {**as_csv, "time_format": "epoch_ms"})).text()
    lines = epoch.splitlines()

    assert lines[0] == iso[0] == "timestamp,open,high,low,close,volume"
    assert len(lines) == len(iso) == 49
    for ours, theirs in zip(lines[1:], iso[1:], strict=True):
        time, rest = ours.split(",", 1)
        iso_time, iso_rest = theirs.split(",", 1)
        assert int(time) == epoch_ms(iso_time)
        assert rest == iso_rest


async def test_several_symbols_take_epoch_milliseconds_as_well(api: Api) -> None:
    body = {**RANGE, "time_format": "epoch_ms"}
    del body["symbol"]

    response = await api.client.post(
        DATA, json={**body, "symbols": ["BTC", "ETH"]}, headers=api.auth()
    )
    results = (await response.json())["results"]

    assert [r["candles"][0]["timestamp"] for r in results] == [ms(2023, 1, 1), ms(2023, 1, 1, 6)]


async def test_arrow_keeps_its_timestamp_type_whatever_the_time_format(api: Api) -> None:
    as_arrow = {**RANGE, "format": "arrow"}

    iso = await (await fetch(api, "GET", as_arrow)).read()
    epoch = await (await fetch(api, "GET", {**as_arrow, "time_format": "epoch_ms"})).read()

    table = pa.ipc.open_stream(io.BytesIO(epoch)).read_all()
    assert table.schema.field("timestamp").type == pa.timestamp("ms", tz="UTC")
    assert epoch == iso


@pytest.mark.parametrize("fmt", ["json", "csv"])
async def test_each_time_format_has_its_own_cache_entry_and_etag(api: Api, fmt: str) -> None:
    asked = {**RANGE, "format": fmt}
    iso = await fetch(api, "GET", asked)
    epoch = await fetch(api, "GET", {**asked, "time_format": "epoch_ms"})
    cross = await fetch(
        api, "GET", {**asked, "time_format": "epoch_ms"}, **{"If-None-Match": iso.headers["ETag"]}
    )

    assert iso.headers["ETag"] != epoch.headers["ETag"]
    assert await iso.read() != await epoch.read()
    assert cross.status == 200
    assert await cross.read() == await epoch.read()


async def test_a_streamed_answer_in_epoch_milliseconds_equals_the_cached_one(
    api: Api, container: Container
) -> None:
    asked = {**RANGE, "timeframe": "5m", "time_format": "epoch_ms"}
    whole = await (await fetch(api, "GET", asked)).read()
    container.market_data.ohlcv_cache.reset()
    container.market_data.candle_limits.override(
        providers.Object(CandleLimits(50_000, stream_above=10))
    )

    streamed = await fetch(api, "GET", asked)

    assert streamed.headers.get("Transfer-Encoding") == "chunked"
    assert await streamed.read() == whole


async def test_an_unknown_time_format_is_refused_naming_the_allowed_ones(api: Api) -> None:
    response = await fetch(api, "GET", {**RANGE, "time_format": "unix"})
    problem = await response.json()

    assert response.status == 422
    assert "epoch_ms" in " ".join(problem["errors"]["time_format"])
