"""A real browser: a frontend page on another origin calls the API with fetch().

The API is on http://127.0.0.1:<port>; the page comes from http://localhost:<another port>,
the origin CORS_ORIGINS allows, and from http://127.0.0.1:<that port>, an origin it does not.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web

from adapters.outbound.supabase.minting import mint_token
from bootstrap.web import build_app
from tests.e2e.test_docs_in_a_browser import chromium, memory_container, needs_chromium, serving
from tests.http.conftest import FIRST_BACKTEST, SECRET
from tests.support.processes import free_port

pytestmark = needs_chromium

FRONTEND_SCRIPT = """
const api = %(api)s, auth = {Authorization: "Bearer " + %(token)s};
async function call(path, init = {}) {
  try {
    const response = await fetch(api + path, {...init, headers: {...auth, ...init.headers}});
    return {
      status: response.status,
      redirected: response.redirected,
      location: response.headers.get("Location"),
      requestId: response.headers.get("X-Request-ID"),
      type: response.headers.get("Content-Type"),
      body: await response.json(),
    };
  } catch (error) {
    return {failed: String(error)};
  }
}
window.outcome = (async () => ({
  created: await call("/api/v1/backtests", {
    method: "POST",
    headers: {"Content-Type": "application/json", "X-Request-ID": "from-the-page"},
    body: JSON.stringify(%(backtest)s),
  }),
  listed: await call("/api/v1/backtests/?limit=5"),
  missing: await call("/api/v1/backtests/" + %(unknown)s),
}))();
"""


def frontend_page(api: str, token: str) -> str:
    script = FRONTEND_SCRIPT % {
        "api": json.dumps(api),
        "token": json.dumps(token),
        "backtest": json.dumps(FIRST_BACKTEST),
        "unknown": json.dumps(str(uuid.uuid4())),
    }
    return f"<!DOCTYPE html><title>frontend</title><script>{script}</script>"


class Sites:
    """Where the API and the frontend's page are served."""

    def __init__(self, api_port: int, frontend_port: int) -> None:
        self.api = f"http://127.0.0.1:{api_port}"
        self.frontend = f"http://localhost:{frontend_port}"
        self.stranger = f"http://127.0.0.1:{frontend_port}"


@pytest.fixture
async def sites(tmp_path: Path) -> AsyncIterator[Sites]:
    found = Sites(free_port(), free_port())
    container = memory_container(tmp_path, cors_origins=found.frontend)
    page = frontend_page(found.api, mint_token(SECRET, str(uuid.uuid4())))

    async def frontend(request: web.Request) -> web.Response:
        return web.Response(text=page, content_type="text/html")

    frontend_app = web.Application()
    frontend_app.router.add_get("/", frontend)
    async with serving({found.api: build_app(container), found.frontend: frontend_app}):
        yield found
    container.unwire()
    container.reset_singletons()


async def outcome_of(url: str) -> Any:
    async with chromium() as browser:
        page = await browser.new_page()
        await page.goto(url)
        return await page.evaluate("window.outcome")


async def test_a_frontend_on_another_origin_reads_answers_and_problems(sites: Sites) -> None:
    outcome = await outcome_of(f"{sites.frontend}/")

    created, listed, missing = outcome["created"], outcome["listed"], outcome["missing"]
    assert created["status"] == 201
    assert created["body"]["name"] == FIRST_BACKTEST["name"]
    assert created["location"] == f"/api/v1/backtests/{created['body']['id']}"
    assert created["requestId"] == "from-the-page"
    assert listed["status"] == 200
    assert listed["redirected"] is True
    assert [item["id"] for item in listed["body"]["items"]] == [created["body"]["id"]]
    assert missing["status"] == 404
    assert missing["type"].startswith("application/problem+json")
    assert missing["body"]["status"] == 404
    assert missing["requestId"]


async def test_a_page_from_an_origin_not_allowed_cannot_read_the_api(sites: Sites) -> None:
    outcome = await outcome_of(f"{sites.stranger}/")

    assert all("failed" in outcome[call] for call in ("created", "listed", "missing"))
