"""Serving the app: aiohttp's server, with protocol errors answered as problem details.

aiohttp refuses a request line or header over its limits, or a malformed header, before any
middleware runs, with a text/plain answer that quotes the offending bytes (a bearer token
followed by a control character comes back whole). The request handler here answers those
as application/problem+json naming nothing the client sent, and logs only the kind of error.
"""

from __future__ import annotations

import asyncio
import logging
import signal
from typing import Any

from aiohttp import web
from aiohttp.http_exceptions import HttpProcessingError, LineTooLong

from adapters.inbound.http.problems import problem_response

log = logging.getLogger("backtest.http")
# The URL (the request line, for aiohttp's pure-Python parser) and each header line, in
# bytes. They differ on purpose: LineTooLong carries the limit it hit, so the answer can
# tell 414 (the URL) from 431 (a header).
MAX_URL_BYTES = 8192
MAX_HEADER_BYTES = 8190
MAX_HEADERS = 128
HANDLER_ARGS: dict[str, Any] = {
    "max_line_size": MAX_URL_BYTES,
    "max_field_size": MAX_HEADER_BYTES,
    "max_headers": MAX_HEADERS,
}
_ANSWERS = {
    400: ("malformed-request", "The request is not valid HTTP; nothing was processed."),
    414: ("uri-too-long", f"The URL is longer than {MAX_URL_BYTES} bytes."),
    431: (
        "header-too-large",
        f"A header line is longer than {MAX_HEADER_BYTES} bytes, or there are more than "
        f"{MAX_HEADERS} headers.",
    ),
    500: ("internal-error", "An unexpected error occurred outside the application."),
    504: ("timeout", "The request took too long to handle."),
}


class ProblemRequestHandler(web.RequestHandler):
    """aiohttp's connection handler, answering its own refusals as problem details."""

    def handle_error(
        self,
        request: web.BaseRequest,
        status: int = 500,
        exc: BaseException | None = None,
        message: str | None = None,
    ) -> web.StreamResponse:
        status = self._status_for(status, exc)
        if request.writer.output_size > 0:
            raise ConnectionError("an answer is already on its way; it cannot be replaced")
        if status >= 500:
            log.error("error outside the application", exc_info=exc)  # redacted by the filter
        else:
            log.info("refused a malformed request", extra={"status": status, "error": _kind(exc)})
        slug, detail = _ANSWERS.get(status, _ANSWERS[400])
        response = problem_response(status, detail, slug=slug)
        response.force_close()
        return response

    def _status_for(self, status: int, exc: BaseException | None) -> int:
        if isinstance(exc, LineTooLong):
            return 414 if exc.args[1] == self.max_line_size else 431
        if isinstance(exc, HttpProcessingError) and "too many headers" in str(exc).lower():
            return 431
        return status if status in _ANSWERS else 400


class ProblemServer(web.Server):
    """Makes a ProblemRequestHandler for each connection."""

    def __call__(self) -> web.RequestHandler:
        return ProblemRequestHandler(self, loop=self._loop, **self._kwargs)


class ProblemAppRunner(web.AppRunner):
    """web.AppRunner whose connections answer protocol errors as problem details."""

    async def _make_server(self) -> web.Server:
        server = await super()._make_server()
        # The server aiohttp built for the app, with only the handler it makes changed.
        server.__class__ = ProblemServer
        return server


def _kind(exc: BaseException | None) -> str:
    return type(exc).__name__ if exc is not None else "unknown"


def run_server(app: web.Application, host: str, port: int, shutdown_timeout: float = 60.0) -> None:
    """Serves until SIGINT or SIGTERM; then in-flight requests finish and the app cleans up."""
    asyncio.run(_serve(app, host, port, shutdown_timeout))


async def _serve(app: web.Application, host: str, port: int, shutdown_timeout: float) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    runner = ProblemAppRunner(
        app, access_log=None, shutdown_timeout=shutdown_timeout, **HANDLER_ARGS
    )
    await runner.setup()
    try:
        await web.TCPSite(runner, host, port).start()
        await stop.wait()
    finally:
        await runner.cleanup()
