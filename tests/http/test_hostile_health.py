"""Health and failure answers tell an anonymous caller nothing about the deployment."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from dependency_injector import providers

from adapters.outbound.duckdb.candle_store import DuckDbCandleStore
from adapters.outbound.duckdb.engine import DuckDbEngine
from adapters.outbound.market_data_storage.health import MarketDataHealthProbe
from adapters.outbound.market_data_storage.layout import yearly_key
from adapters.outbound.market_data_storage.roots import LocalRoot, S3Root, S3Settings
from bootstrap.container import Container
from tests.http.conftest import Api

NOWHERE = S3Settings("127.0.0.1:9", "k", "s", bucket="private-bucket-name", timeout_seconds=1)


async def health(api: Api, path: str, headers: dict[str, str] | None = None) -> Any:
    return await (await api.client.get(f"/api/v1/health/{path}", headers=headers or {})).json()


async def test_detailed_health_without_a_token_shows_only_status_and_latency(api: Api) -> None:
    api.probe.ok = False

    body = await health(api, "detailed")

    assert set(body) == {"status", "dependencies"}
    assert set(body["dependencies"]["database"]) == {"status", "latency_ms"}


@pytest.mark.parametrize("token", ["not-a-jwt", "eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl"])
async def test_an_invalid_token_gets_the_anonymous_view(api: Api, token: str) -> None:
    body = await health(api, "detailed", {"Authorization": f"Bearer {token}"})

    assert set(body) == {"status", "dependencies"}


async def test_a_valid_token_adds_version_environment_and_details(api: Api) -> None:
    api.probe.ok = False

    body = await health(api, "detailed", api.auth())

    assert {"version", "environment"} <= set(body)
    assert body["dependencies"]["database"]["detail"] == "unreachable"


async def test_readiness_without_a_token_names_no_detail(api: Api) -> None:
    api.probe.ready = False

    anonymous = await health(api, "ready")
    known = await health(api, "ready", api.auth())

    assert set(anonymous["checks"]["database"]) == {"status", "latency_ms"}
    assert "detail" in known["checks"]["database"]


@pytest.fixture
async def unreachable_storage(container: Container) -> AsyncIterator[None]:
    engine, root = DuckDbEngine(workers=1), S3Root(NOWHERE, attempts=1)
    container.market_data.candle_store.override(providers.Object(DuckDbCandleStore(root, engine)))
    probe = MarketDataHealthProbe(root)
    container.health_probes.override(providers.List(providers.Object(probe)))
    yield
    await root.close()
    await engine.close()


@pytest.mark.usefixtures("unreachable_storage")
async def test_unreachable_storage_answers_503_without_its_address_or_bucket(api: Api) -> None:
    params = {"symbol": "BTC", "start_date": "2023-01-01", "end_date": "2023-01-02"}
    data = await api.client.get("/api/v1/ohlcv/data", params=params, headers=api.auth())
    listing = await api.client.get("/api/v1/ohlcv/symbols", headers=api.auth())
    detailed = await api.client.get("/api/v1/health/detailed", headers=api.auth())

    assert (data.status, listing.status) == (503, 503)
    for response in (data, listing, detailed):
        text = await response.text()
        assert NOWHERE.endpoint not in text
        assert NOWHERE.bucket not in text
    assert "unreachable" in (await data.json())["detail"]


async def test_a_bad_stored_file_is_named_by_its_key_not_by_the_servers_path(
    api: Api, container: Container, tmp_path: Path
) -> None:
    folder = tmp_path / "hidden-server-folder"
    bad = folder / yearly_key("BAD", 2024)
    bad.parent.mkdir(parents=True)
    bad.write_bytes(b"garbage bytes, no magic")
    engine = DuckDbEngine(workers=1)
    container.market_data.candle_store.override(
        providers.Object(DuckDbCandleStore(LocalRoot(folder), engine))
    )
    params = {"symbol": "BAD", "start_date": "2024-01-01", "end_date": "2024-01-02"}

    try:
        status, problem = await api.call("GET", "/api/v1/ohlcv/data", params=params)
    finally:
        await engine.close()

    assert status == 422
    assert problem["detail"].startswith(f"{yearly_key('BAD', 2024)}: not a readable Parquet file")
    assert "hidden-server-folder" not in problem["detail"]
