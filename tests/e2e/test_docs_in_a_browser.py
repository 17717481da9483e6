"""A real browser: the docs render the API offline, under their Content-Security-Policy.

The API (in-memory persistence) listens on http://127.0.0.1:<port>; every request the page
makes off this machine is refused, as on a machine without internet access. The helpers here
also serve the frontend test next door (test_cors_in_a_browser.py).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from aiohttp import web

from adapters.outbound.memory.candle_store import InMemoryCandleStore
from adapters.outbound.memory.store import InMemoryStore
from bootstrap.container import Container
from bootstrap.settings import Settings
from bootstrap.web import build_app
from tests.http.conftest import SECRET
from tests.support.in_memory import FakeProbe, in_memory
from tests.support.processes import free_port

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
# ReDoc shows its vendor's logo from a CDN, and hides it when that fails: the policy keeps
# the request from leaving. Nothing else may be blocked.
EXPECTED_BLOCKS = {"img-src https://cdn.redoc.ly/redoc/logo-mini.svg"}
needs_chromium = pytest.mark.skipif(
    not Path(CHROMIUM).exists(), reason=f"no Chromium at {CHROMIUM} on this machine"
)
pytestmark = needs_chromium
async_playwright = pytest.importorskip("playwright.async_api").async_playwright


def memory_container(tmp_path: Path, cors_origins: str = "") -> Container:
    settings = Settings.from_env(
        {"DATA_DIR": str(tmp_path), "CORS_ORIGINS": cors_origins}, env_file=None
    )
    container = Container(
        settings=settings, database_url="postgresql://not-used", jwt_secret=SECRET
    )
    return in_memory(container, InMemoryStore(), InMemoryCandleStore(), FakeProbe("database"))


@asynccontextmanager
async def serving(apps: dict[str, web.Application]) -> AsyncIterator[None]:
    """Serves each app on 127.0.0.1 at its URL's port until the block ends."""
    runners = []
    try:
        for url, app in apps.items():
            runners.append(web.AppRunner(app))
            await runners[-1].setup()
            await web.TCPSite(runners[-1], "127.0.0.1", urlsplit(url).port).start()
        yield
    finally:
        for runner in runners:
            await runner.cleanup()


@asynccontextmanager
async def chromium() -> AsyncIterator[Any]:
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            await browser.close()


@pytest.fixture
async def api_url(tmp_path: Path) -> AsyncIterator[str]:
    url = f"http://127.0.0.1:{free_port()}"
    container = memory_container(tmp_path)
    async with serving({url: build_app(container)}):
        yield url
    container.unwire()
    container.reset_singletons()


async def offline_page(browser: Any) -> tuple[Any, list[str]]:
    """A page that may reach only this machine; it records what its CSP blocks."""
    context = await browser.new_context()
    refused: list[str] = []

    async def local_only(route: Any) -> None:
        if urlsplit(route.request.url).hostname in LOCAL_HOSTS:
            await route.continue_()
        else:
            refused.append(route.request.url)
            await route.abort()

    await context.route("**/*", local_only)
    await context.add_init_script(
        "window.violations = [];"
        "document.addEventListener('securitypolicyviolation',"
        " e => window.violations.push(e.violatedDirective + ' ' + e.blockedURI));"
    )
    return await context.new_page(), refused


@pytest.mark.parametrize(
    ("path", "title", "operation"),
    [("/redoc", "h1", "h2"), ("/docs", ".info .title", ".opblock-summary-description")],
    ids=["redoc", "swagger ui"],
)
async def test_the_docs_render_the_api_offline_under_their_policy(
    api_url: str, path: str, title: str, operation: str
) -> None:
    async with chromium() as browser:
        page, refused = await offline_page(browser)

        response = await page.goto(f"{api_url}{path}")
        await page.locator(title, has_text="Backtest API").first.wait_for()
        await page.locator(operation, has_text="Create a backtest").first.wait_for()
        violations = await page.evaluate("window.violations")

    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["x-frame-options"] == "DENY"
    assert set(violations) <= EXPECTED_BLOCKS
    assert refused == []
