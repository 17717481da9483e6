"""The symbol listing tells the first and last bar, so date pickers offer only ranges with data."""

from __future__ import annotations

import csv
import gzip
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from dependency_injector import providers

from adapters.inbound.http.schemas.ohlcv import SymbolsSchema
from adapters.outbound.duckdb.candle_store import DuckDbCandleStore
from adapters.outbound.duckdb.engine import DuckDbEngine
from adapters.outbound.market_data_storage.layout import yearly_key
from adapters.outbound.market_data_storage.roots import LocalRoot
from adapters.outbound.market_data_storage.sinks import LocalSink
from adapters.outbound.memory.candle_store import InMemoryCandleStore
from adapters.outbound.parquet.ingest.ingest import ingest_files
from bootstrap.container import Container
from tests.http.conftest import Api
from tests.support.candles import parquet
from tests.support.marketdata import Bar, bars, ms, table
from tests.support.shared_data import raw_file

SYMBOLS = "/api/v1/ohlcv/symbols"
# Like the CME 6E January file: from 2024-01-01T23:01 to 2024-01-31T23:59, every minute.
EURO = bars(ms(2024, 1, 1, 23, 1), 30 * 1440 + 59, seed=7)
GOLD = bars(ms(2023, 12, 29, 13, 37), 4 * 1440, seed=8, gap_every=9)[:-5]


def iso(bar: Bar) -> str:
    return datetime.fromtimestamp(bar[0] / 1000, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@pytest.fixture
def candles() -> InMemoryCandleStore:
    store = InMemoryCandleStore()
    store.add("6E", EURO)
    store.add("GOLD", GOLD)
    return store


@pytest.fixture
async def folder_store(tmp_path: Path) -> AsyncIterator[DuckDbCandleStore]:
    engine = DuckDbEngine(workers=2)
    try:
        yield DuckDbCandleStore(LocalRoot(tmp_path / "marketdata"), engine)
    finally:
        await engine.close()


async def listed(api: Api, **params: str) -> dict[str, dict[str, object]]:
    response = await api.client.get(SYMBOLS, params=params, headers=api.auth())
    body = await response.json()
    assert response.status == 200
    assert SymbolsSchema().validate(body) == {}
    return {entry["symbol"]: entry for entry in body["symbols"]}


async def test_first_and_last_are_the_times_of_the_first_and_last_bar(api: Api) -> None:
    symbols = await listed(api)

    assert symbols["6E"]["first"] == "2024-01-01T23:01:00Z" == iso(EURO[0])
    assert symbols["6E"]["last"] == "2024-01-31T23:59:00Z" == iso(EURO[-1])
    assert (symbols["GOLD"]["first"], symbols["GOLD"]["last"]) == (iso(GOLD[0]), iso(GOLD[-1]))


async def test_the_year_span_is_kept_for_older_clients(api: Api) -> None:
    symbols = await listed(api)

    assert symbols["6E"]["years"] == [2024]
    assert (symbols["6E"]["first_date"], symbols["6E"]["last_date"]) == ("2024-01-01", "2024-12-31")
    assert symbols["GOLD"]["years"] == [2023, 2024]
    assert "days" not in symbols["GOLD"]


async def test_the_daily_layout_lists_its_days_and_the_same_first_and_last_bar(api: Api) -> None:
    symbols = await listed(api, source_resolution="1m")

    gold = symbols["GOLD"]
    assert (gold["first"], gold["last"]) == (iso(GOLD[0]), iso(GOLD[-1]))
    assert gold["days"] == ["2023-12-29", "2023-12-30", "2023-12-31", "2024-01-01", "2024-01-02"]
    assert (gold["first_date"], gold["last_date"]) == ("2023-12-29", "2024-01-02")


async def test_parquet_files_in_a_folder_tell_their_first_and_last_bar(
    api: Api, container: Container, folder_store: DuckDbCandleStore
) -> None:
    root = folder_store.root
    assert isinstance(root, LocalRoot)
    for year in (2023, 2024):
        rows = [bar for bar in GOLD if datetime.fromtimestamp(bar[0] / 1000, UTC).year == year]
        target = root.path / yearly_key("GOLD", year)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(parquet(table(rows)))
    container.market_data.candle_store.override(providers.Object(folder_store))

    symbols = await listed(api)

    assert (symbols["GOLD"]["first"], symbols["GOLD"]["last"]) == (iso(GOLD[0]), iso(GOLD[-1]))


@pytest.mark.realdata
async def test_the_real_6e_january_file_is_listed_from_its_first_to_its_last_bar(
    api: Api, container: Container, folder_store: DuckDbCandleStore
) -> None:
    source = raw_file("6EH4.XCME_1min_bars_20240101_20240131.csv.gz")
    with gzip.open(source, "rt") as lines:
        times = sorted(row["timestamp_utc"] for row in csv.DictReader(lines))
    root = folder_store.root
    assert isinstance(root, LocalRoot)
    await ingest_files([source], "6E", LocalSink(root.path))
    container.market_data.candle_store.override(providers.Object(folder_store))

    symbols = await listed(api)

    assert times[0] == "2024-01-01 23:01:00"
    assert symbols["6E"]["first"] == "2024-01-01T23:01:00Z"
    assert symbols["6E"]["last"] == times[-1].replace(" ", "T") + "Z"
