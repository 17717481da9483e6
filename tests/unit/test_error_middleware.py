"""Domain errors map to HTTP statuses in exactly one place; this pins the mapping."""

from __future__ import annotations

import json

import pytest
from aiohttp import web
from aiohttp.test_utils import make_mocked_request

from adapters.inbound.http.error_middleware import (
    InvalidRequest,
    MalformedJson,
    problem_middleware,
)
from core.domain.errors import (
    BacktestNotFound,
    BadMarketData,
    Conflict,
    DomainError,
    NoCredentials,
    NotFound,
    PreconditionFailed,
    ResultsNotFound,
    RuleViolated,
    StrategyNotFound,
    TooManyRequests,
    Unauthenticated,
    Unavailable,
)
from tests.support.ids import fixed_uuid


async def answer_to(error: Exception) -> tuple[web.Response, dict[str, object]]:
    async def handler(request: web.Request) -> web.Response:
        raise error

    response = await problem_middleware(make_mocked_request("GET", "/x"), handler)
    assert isinstance(response, web.Response)
    assert response.content_type == "application/problem+json"
    return response, json.loads(response.text or "")


@pytest.mark.parametrize(
    ("error", "status", "title"),
    [
        (NotFound("no such backtest"), 404, "Not found"),
        (Conflict("name taken"), 409, "Conflict"),
        (RuleViolated("too long", "name"), 422, "Invalid input"),
        (Unauthenticated("token expired"), 401, "Unauthenticated"),
        (NoCredentials("send a token"), 401, "Unauthenticated"),
        (Unavailable("database unreachable"), 503, "Service unavailable"),
        (
            BadMarketData("ohlcv/1Y/symbol=X/year=2024/X_2024.parquet: missing column(s) low"),
            422,
            "Bad market data",
        ),
        (TooManyRequests("too many runs", retry_after=30), 429, "Too many requests"),
        (PreconditionFailed("stale copy"), 412, "Precondition failed"),
        (DomainError("something else"), 400, "Domain error"),
    ],
)
async def test_each_domain_error_has_its_status_and_title(
    error: DomainError, status: int, title: str
) -> None:
    response, body = await answer_to(error)

    assert response.status == status
    assert (body["status"], body["title"], body["detail"]) == (status, title, error.detail)


@pytest.mark.parametrize(
    ("error", "detail"),
    [
        (BacktestNotFound(fixed_uuid(1)), f"backtest {fixed_uuid(1)} not found"),
        (StrategyNotFound(fixed_uuid(2)), f"strategy {fixed_uuid(2)} not found"),
        (
            ResultsNotFound(fixed_uuid(3), "pending"),
            f"backtest {fixed_uuid(3)} has no server-run results (it is pending); "
            "POST .../run to run it",
        ),
    ],
)
async def test_a_missing_resource_is_404_naming_it(error: NotFound, detail: str) -> None:
    response, body = await answer_to(error)

    assert response.status == 404
    assert (body["title"], body["detail"]) == ("Not found", detail)


async def test_a_rule_violation_names_its_field() -> None:
    _, body = await answer_to(RuleViolated("must be positive", "quantity"))

    assert body["errors"] == {"quantity": ["must be positive"]}


async def test_unauthenticated_carries_a_bearer_challenge_naming_the_bad_token() -> None:
    response, _ = await answer_to(Unauthenticated("bad signature"))

    assert response.headers["WWW-Authenticate"] == 'Bearer realm="api", error="invalid_token"'


async def test_a_request_with_no_credentials_is_challenged_without_an_error_code() -> None:
    response, _ = await answer_to(NoCredentials("send a token"))

    assert response.headers["WWW-Authenticate"] == 'Bearer realm="api"'


async def test_request_validation_lists_field_errors() -> None:
    response, body = await answer_to(InvalidRequest({"name": ["required"]}))

    assert response.status == 422
    assert body["errors"] == {"name": ["required"]}


async def test_malformed_json_is_400() -> None:
    response, _ = await answer_to(MalformedJson())

    assert response.status == 400


async def test_an_unexpected_error_is_500_with_a_request_id_and_no_trace() -> None:
    response, body = await answer_to(ZeroDivisionError("secret internals"))

    assert response.status == 500
    assert "request_id" in body
    assert "secret internals" not in json.dumps(body)
    assert "Traceback" not in json.dumps(body)


async def test_an_http_exception_keeps_its_status_and_allow_header() -> None:
    response, _ = await answer_to(web.HTTPMethodNotAllowed("PATCH", ["GET", "POST"]))

    assert response.status == 405
    assert response.headers["Allow"] == "GET,POST"
