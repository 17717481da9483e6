"""Puts the container and the HTTP adapter together into a runnable aiohttp application."""

from __future__ import annotations

import inspect
from collections.abc import AsyncIterator
from typing import Any

from aiohttp import web

from adapters.inbound.http import routes
from adapters.inbound.http.app import ROUTE_MODULES, create_app
from bootstrap.container import Container
from bootstrap.workers import working

CONTAINER = web.AppKey("container", Container)


def build_app(container: Container) -> web.Application:
    """Wires the route modules and ties the container's resources to the app's lifetime."""
    container.wire(modules=[*ROUTE_MODULES], packages=[routes])
    settings = container.settings()
    app = create_app(
        container.auth.authenticate,
        version=container.version(),
        max_body_bytes=settings.max_body_bytes,
        cors_origins=settings.cors_origins,
        body_timeout_seconds=settings.body_timeout_seconds,
    )
    app[CONTAINER] = container

    async def resources(app_: web.Application) -> AsyncIterator[None]:
        container.draining().clear()  # a container may serve again after an app stopped
        await _maybe_await(container.init_resources())
        try:
            yield
        finally:
            await _maybe_await(container.shutdown_resources())

    async def workers(app_: web.Application) -> AsyncIterator[None]:
        if settings.run_workers == 0:
            yield
            return
        async with working(container):
            yield

    async def drain(app_: web.Application) -> None:
        """Before in-flight requests are waited for: held waits answer now."""
        container.draining().set()

    app.cleanup_ctx.append(resources)
    app.cleanup_ctx.append(workers)
    app.on_shutdown.append(drain)
    return app


async def _maybe_await(result: Any) -> None:
    # dependency-injector returns an awaitable only when some resource is async.
    if inspect.isawaitable(result):
        await result
