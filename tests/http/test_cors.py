"""CORS for a frontend on another origin: preflights, answers, errors, refused origins."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient
from dependency_injector import providers

from adapters.inbound.http.cors import EXPOSED_HEADERS
from adapters.outbound.memory.store import InMemoryStore
from bootstrap.container import Container
from bootstrap.settings import Settings
from bootstrap.web import build_app
from tests.http.conftest import FIRST_BACKTEST, Api, FakeProbe

FRONTEND = "http://localhost:3000"  # allowed in CORS_ORIGINS by `frontend_api`
STRANGER = "https://evil.example"
ACAO = "Access-Control-Allow-Origin"
ApiFor = Callable[[str], Awaitable[Api]]


@pytest.fixture
def api_for(
    aiohttp_client: Any,
    container: Container,
    store: InMemoryStore,
    probe: FakeProbe,
    tmp_path: Path,
) -> ApiFor:
    async def build(origins: str) -> Api:
        env = {"DATA_DIR": str(tmp_path), "CORS_ORIGINS": origins}
        container.settings.override(providers.Object(Settings.from_env(env, env_file=None)))
        client: TestClient = await aiohttp_client(build_app(container))
        return Api(client, store, probe, uuid.uuid4())

    return build


@pytest.fixture
async def frontend_api(api_for: ApiFor) -> Api:
    return await api_for(FRONTEND)


def preflight(method: str, headers: str, origin: str = FRONTEND) -> dict[str, str]:
    asked = {"Access-Control-Request-Method": method, "Access-Control-Request-Headers": headers}
    return {"Origin": origin, **asked}


def listed(value: str) -> set[str]:
    return {item.strip().lower() for item in value.split(",") if item.strip()}


def signed(api: Api, origin: str = FRONTEND) -> dict[str, str]:
    return {**api.auth(), "Origin": origin}


@pytest.mark.parametrize(
    ("path", "method", "headers"),
    [
        ("/api/v1/backtests", "POST", "authorization,content-type"),
        ("/api/v1/backtests/{id}", "PUT", "authorization,content-type,if-match,x-request-id"),
        ("/api/v1/ohlcv/data", "GET", "authorization,if-none-match"),
        ("/api/v1/backtests/{id}", "GET", "authorization,prefer"),
        ("/api/v1/strategies/{id}", "DELETE", "authorization"),
        ("/api/v1/users/", "GET", "authorization"),
    ],
)
async def test_a_preflight_from_the_frontend_is_answered_without_a_token(
    frontend_api: Api, path: str, method: str, headers: str
) -> None:
    response = await frontend_api.client.options(
        path.format(id=uuid.uuid4()), headers=preflight(method, headers)
    )

    assert response.status == 200
    assert response.headers[ACAO] == FRONTEND
    assert response.headers["Access-Control-Allow-Methods"] == method
    assert listed(response.headers["Access-Control-Allow-Headers"]) == listed(headers)
    assert response.headers["Access-Control-Max-Age"] == "600"
    assert "Access-Control-Allow-Credentials" not in response.headers
    assert "WWW-Authenticate" not in response.headers


@pytest.mark.parametrize(
    ("path", "method", "headers", "origin"),
    [
        ("/api/v1/backtests", "POST", "authorization", STRANGER),
        ("/api/v1/backtests", "DELETE", "authorization", FRONTEND),
        ("/api/v1/backtests", "GET", "authorization,x-secret", FRONTEND),
    ],
    ids=["another origin", "a method the path lacks", "a header not allowed"],
)
async def test_a_preflight_outside_the_rules_is_refused_without_cors_headers(
    frontend_api: Api, path: str, method: str, headers: str, origin: str
) -> None:
    response = await frontend_api.client.options(path, headers=preflight(method, headers, origin))

    assert response.status == 403
    assert ACAO not in response.headers
    assert response.content_type == "application/problem+json"


async def test_an_answer_to_the_frontend_names_it_and_exposes_the_api_headers(
    frontend_api: Api,
) -> None:
    response = await frontend_api.client.post(
        "/api/v1/backtests", json=FIRST_BACKTEST, headers=signed(frontend_api)
    )

    assert response.status == 201
    assert response.headers[ACAO] == FRONTEND
    assert listed(response.headers["Access-Control-Expose-Headers"]) == set(
        map(str.lower, EXPOSED_HEADERS)
    )
    assert "origin" in listed(response.headers["Vary"])
    assert "Access-Control-Allow-Credentials" not in response.headers


@pytest.mark.parametrize(
    ("method", "path", "token", "status"),
    [
        ("GET", "/api/v1/backtests", False, 401),
        ("GET", "/api/v1/backtests/not-a-uuid", True, 422),
        ("GET", "/api/v1/backtests/{id}", True, 404),
        ("GET", "/api/v1/no-such-thing", True, 404),
        ("PATCH", "/api/v1/backtests", True, 405),
    ],
)
async def test_problem_answers_carry_the_cors_headers_so_the_frontend_can_read_them(
    frontend_api: Api, method: str, path: str, token: bool, status: int
) -> None:
    headers = signed(frontend_api) if token else {"Origin": FRONTEND}

    response = await frontend_api.client.request(
        method, path.format(id=uuid.uuid4()), headers=headers
    )
    problem = await response.json(content_type=None)

    assert response.status == status
    assert problem["status"] == status
    assert response.headers[ACAO] == FRONTEND
    assert "x-request-id" in listed(response.headers["Access-Control-Expose-Headers"])


async def test_another_origin_gets_the_answer_without_cors_headers(frontend_api: Api) -> None:
    response = await frontend_api.client.get(
        "/api/v1/backtests", headers=signed(frontend_api, STRANGER)
    )

    assert response.status == 200
    assert ACAO not in response.headers
    assert "Access-Control-Expose-Headers" not in response.headers


async def test_the_other_form_of_a_path_is_preflighted_and_redirected_with_cors_headers(
    frontend_api: Api,
) -> None:
    flight = await frontend_api.client.options(
        "/api/v1/backtests/", headers=preflight("GET", "authorization")
    )
    redirect = await frontend_api.client.get(
        "/api/v1/backtests/?limit=5", headers=signed(frontend_api), allow_redirects=False
    )

    assert flight.status == 200
    assert flight.headers[ACAO] == FRONTEND
    assert redirect.status == 308
    assert redirect.headers["Location"] == "/api/v1/backtests?limit=5"
    assert redirect.headers[ACAO] == FRONTEND


async def test_any_origin_is_allowed_with_a_star(api_for: ApiFor) -> None:
    api = await api_for("*")

    flight = await api.client.options(
        "/api/v1/strategies", headers=preflight("POST", "authorization", STRANGER)
    )
    answer = await api.client.get("/api/v1/strategies", headers=signed(api, STRANGER))

    assert flight.status == 200
    assert flight.headers[ACAO] == STRANGER
    assert answer.headers[ACAO] == STRANGER


async def test_without_cors_origins_there_is_no_cors_at_all(api: Api) -> None:
    flight = await api.client.options(
        "/api/v1/backtests", headers=preflight("POST", "authorization")
    )
    answer = await api.client.get("/api/v1/backtests", headers=signed(api))

    assert flight.status == 405
    assert ACAO not in flight.headers
    assert answer.status == 200
    assert ACAO not in answer.headers
    assert "origin" not in listed(answer.headers.get("Vary", ""))
