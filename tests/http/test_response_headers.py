"""Headers every answer carries: Location on 201, X-Request-ID, security and caching headers."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import pytest
from dependency_injector import providers

from adapters.inbound.http.ohlcv.limits import CandleLimits
from adapters.inbound.http.routes.docs import (
    REDOC_FILE,
    REDOC_SCRIPT_URL,
    REDOC_SHA256,
    REDOC_VERSION,
)
from adapters.outbound.memory.candle_store import InMemoryCandleStore
from bootstrap.container import Container
from tests.http.conftest import FIRST_BACKTEST, Api
from tests.http.test_trades_api import a_backtest, a_trade
from tests.support.marketdata import bars, ms

CANDLES = "/api/v1/ohlcv/data?symbol=BTC&start_date=2023-01-01&end_date=2023-01-02&timeframe=1h"
STRATEGY = {"name": "SMA 10/30", "kind": "sma_crossover", "parameters": {"fast": 10}}


@pytest.fixture
def candles() -> InMemoryCandleStore:
    store = InMemoryCandleStore()
    store.add("BTC", bars(ms(2023, 1, 1), 2 * 24 * 60, seed=1))
    return store


@pytest.mark.parametrize(
    ("path", "body"), [("/api/v1/backtests", FIRST_BACKTEST), ("/api/v1/strategies", STRATEGY)]
)
async def test_a_created_resource_is_located_where_it_can_be_read(
    api: Api, path: str, body: dict[str, object]
) -> None:
    created = await api.client.post(path, json=body, headers=api.auth())
    location = created.headers["Location"]
    read = await api.client.get(location, headers=api.auth())

    assert created.status == 201
    assert location == f"{path}/{(await created.json())['id']}"
    assert read.status == 200
    assert await read.json() == await created.json()


async def test_new_trades_of_one_backtest_are_located_at_its_trades(api: Api) -> None:
    backtest_id = await a_backtest(api)

    one = await api.client.post("/api/v1/trades", json=a_trade(backtest_id), headers=api.auth())
    batch = await api.client.post(
        "/api/v1/trades",
        json=[a_trade(backtest_id, 1), a_trade(backtest_id, 2)],
        headers=api.auth(),
    )
    listed = await api.client.get(one.headers["Location"], headers=api.auth())

    assert one.headers["Location"] == batch.headers["Location"]
    assert one.headers["Location"] == f"/api/v1/trades/backtest/{backtest_id}"
    assert len((await listed.json())["items"]) == 3


async def test_a_batch_across_backtests_has_no_single_location(api: Api) -> None:
    first, second = await a_backtest(api), await a_backtest(api)

    batch = await api.client.post(
        "/api/v1/trades", json=[a_trade(first), a_trade(second)], headers=api.auth()
    )

    assert batch.status == 201
    assert "Location" not in batch.headers


async def test_a_streamed_answer_carries_the_request_id(api: Api, container: Container) -> None:
    container.market_data.candle_limits.override(
        providers.Object(CandleLimits(50_000, stream_above=10))
    )

    response = await api.client.get(CANDLES, headers={**api.auth(), "X-Request-ID": "stream-1"})

    assert response.headers["Transfer-Encoding"] == "chunked"
    assert response.headers["X-Request-ID"] == "stream-1"
    assert len((await response.json())["candles"]) == 48


@pytest.mark.parametrize(
    ("path", "token"),
    [
        ("/api/v1/backtests", True),
        ("/api/v1/backtests", False),
        ("/api/v1/nowhere", True),
        ("/api/v1/health/", False),
        ("/docs", False),
        ("/redoc", False),
        ("/openapi.json", False),
        ("/static/swagger/swagger-ui.css", False),
        (REDOC_SCRIPT_URL, False),
        (CANDLES, True),
    ],
)
async def test_every_answer_carries_the_security_headers_and_no_versions(
    api: Api, path: str, token: bool
) -> None:
    response = await api.client.get(path, headers=api.auth() if token else {})

    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["Server"] == "backtest-api"
    assert re.fullmatch(r"[0-9a-f]{32}", response.headers["X-Request-ID"])


@pytest.mark.parametrize(
    ("path", "token", "status"),
    [
        ("/api/v1/backtests", True, 200),
        ("/api/v1/backtests", False, 401),
        ("/api/v1/users", True, 308),
    ],
)
async def test_api_answers_are_not_stored_by_caches(
    api: Api, path: str, token: bool, status: int
) -> None:
    response = await api.client.get(
        path, headers=api.auth() if token else {}, allow_redirects=False
    )

    assert response.status == status
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["Content-Security-Policy"].startswith("default-src 'none'")


async def test_market_data_keeps_its_own_caching(api: Api) -> None:
    response = await api.client.get(CANDLES, headers=api.auth())

    assert response.headers["Cache-Control"] == "private, max-age=31536000, immutable"


def inline(tag: str, html: str) -> list[str]:
    return re.findall(rf"<{tag}\b(?![^>]*\bsrc=)[^>]*>(.*?)</{tag}>", html, re.S)


def sha256(code: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(code.encode()).digest()).decode() + "'"


async def test_swagger_ui_may_run_only_its_own_inline_code(api: Api) -> None:
    response = await api.client.get("/docs")
    html = await response.text()
    policy = dict(
        d.strip().split(" ", 1) for d in response.headers["Content-Security-Policy"].split(";")
    )

    assert inline("script", html)
    assert inline("style", html)
    assert policy["script-src"].split() == ["'self'", *map(sha256, inline("script", html))]
    assert policy["style-src"].split() == ["'self'", *map(sha256, inline("style", html))]
    assert policy["default-src"] == "'none'"
    assert "unsafe" not in response.headers["Content-Security-Policy"]


async def test_redoc_runs_the_pinned_copy_from_this_server(api: Api) -> None:
    page = await api.client.get("/redoc")
    html = await page.text()
    policy = page.headers["Content-Security-Policy"]

    assert re.findall(r'<script src="([^"]+)"', html) == [REDOC_SCRIPT_URL]
    assert inline("script", html) == []
    assert "script-src 'self';" in policy
    assert "'unsafe-inline'" in policy.split("style-src")[1].split(";")[0]
    assert "unsafe" not in policy.split("style-src")[0]


async def test_the_redoc_script_is_the_recorded_release_and_kept_for_a_year(api: Api) -> None:
    response = await api.client.get(REDOC_SCRIPT_URL)
    readme = (Path(REDOC_FILE).parent / "README.md").read_text()

    assert hashlib.sha256(await response.read()).hexdigest() == REDOC_SHA256
    assert hashlib.sha256(REDOC_FILE.read_bytes()).hexdigest() == REDOC_SHA256
    assert f"sha256 `{REDOC_SHA256}`" in readme
    assert f"`redoc` {REDOC_VERSION}" in readme
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert response.content_type == "application/javascript"
    assert (REDOC_FILE.parent / "LICENSE").read_text().startswith("The MIT License")
