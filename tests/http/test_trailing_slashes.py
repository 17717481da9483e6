"""Every route answers its other form (with or without the trailing slash) with a 308.

The routes are read from the router itself, so a new route is covered without a new test.
"""

from __future__ import annotations

import re
import uuid

import pytest
from aiohttp import web

from adapters.inbound.http.app import create_app
from adapters.inbound.http.auth_middleware import Authenticator
from adapters.inbound.http.slashes import other_form, to_own_form
from tests.http.conftest import FIRST_BACKTEST, Api

QUERY = "limit=5&name=a%20b%26c&flag"


def _no_authenticator() -> Authenticator:
    raise AssertionError("listing routes authenticates nobody")


def own_routes(app: web.Application) -> list[tuple[str, str]]:
    """(method, path) of each route but the other forms, preflights and static files."""
    return sorted(
        (route.method, route.resource.canonical)
        for route in app.router.routes()
        if isinstance(route.resource, web.Resource)
        and route.handler is not to_own_form
        and route.method != "OPTIONS"
    )


ROUTES = own_routes(create_app(_no_authenticator, version="test", max_body_bytes=1024))


def concrete(path: str) -> str:
    return re.sub(r"\{[^}]+\}", lambda _: str(uuid.uuid4()), path)


def test_the_router_lists_the_api_routes() -> None:
    paths = {path for _, path in ROUTES}

    assert {"/api/v1/backtests", "/api/v1/users/", "/api/v1/health/", "/redoc"} <= paths
    assert all(other_form(path) not in paths for path in paths)


@pytest.mark.parametrize(("method", "path"), ROUTES, ids=[f"{m} {p}" for m, p in ROUTES])
@pytest.mark.parametrize("with_token", [False, True], ids=["no token", "token"])
async def test_the_other_form_redirects_to_the_route_keeping_the_query(
    api: Api, method: str, path: str, with_token: bool
) -> None:
    own = concrete(path)

    response = await api.client.request(
        method,
        f"{other_form(own)}?{QUERY}",
        headers=api.auth() if with_token else {},
        allow_redirects=False,
    )

    assert response.status == 308
    assert response.headers["Location"] == f"{own}?{QUERY}"
    assert response.headers["X-Request-ID"]


async def test_a_redirect_without_a_query_has_none(api: Api) -> None:
    response = await api.client.get("/api/v1/users", allow_redirects=False)

    assert response.status == 308
    assert response.headers["Location"] == "/api/v1/users/"


async def test_following_the_redirect_reaches_the_route_with_the_method_and_body(
    api: Api,
) -> None:
    created = await api.client.post("/api/v1/backtests/", json=FIRST_BACKTEST, headers=api.auth())
    listed = await api.client.get("/api/v1/backtests/", headers=api.auth())
    caller = await api.client.get("/api/v1/users", headers=api.auth())

    assert created.status == 201
    assert (await created.json())["name"] == FIRST_BACKTEST["name"]
    assert [item["name"] for item in (await listed.json())["items"]] == [FIRST_BACKTEST["name"]]
    assert caller.status == 200


async def test_the_route_itself_still_needs_a_token_after_the_redirect(api: Api) -> None:
    response = await api.client.get("/api/v1/backtests/")

    assert [r.status for r in response.history] == [308]
    assert response.status == 401


async def test_a_method_the_route_lacks_is_405_in_both_forms(api: Api) -> None:
    own = await api.client.patch("/api/v1/backtests", headers=api.auth())
    other = await api.client.patch("/api/v1/backtests/", headers=api.auth())

    assert own.status == other.status == 405
