"""What aiohttp refuses before any middleware runs is a problem too, echoing nothing sent.

The app is served on a real socket by the runner `serve` uses, and spoken to in raw bytes:
over-long URLs and headers, too many headers, a header with a control character.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import pytest
from aiohttp import web

from adapters.outbound.supabase.minting import mint_token
from bootstrap.container import Container
from bootstrap.server import HANDLER_ARGS, MAX_HEADER_BYTES, MAX_URL_BYTES, ProblemAppRunner
from bootstrap.web import build_app
from tests.http.conftest import SECRET


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes

    def problem(self) -> dict[str, Any]:
        assert self.headers["content-type"].startswith("application/problem+json")
        problem: dict[str, Any] = json.loads(self.body)
        assert problem["status"] == self.status
        return problem


@pytest.fixture
async def port(container: Container) -> AsyncIterator[int]:
    runner = ProblemAppRunner(build_app(container), access_log=None, **HANDLER_ARGS)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    try:
        yield int(runner.addresses[0][1])
    finally:
        await runner.cleanup()


async def exchange(port: int, head: bytes) -> Answer:
    """Sends a request head as is and reads the answer until the server closes."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(head)
        await writer.drain()
        async with asyncio.timeout(30):
            raw = await reader.read()
    finally:
        writer.close()
    top, _, body = raw.partition(b"\r\n\r\n")
    status_line, *lines = top.decode("latin-1").split("\r\n")
    headers = {k.strip().lower(): v.strip() for k, v in (line.split(":", 1) for line in lines)}
    return Answer(int(status_line.split()[1]), headers, body)


def request(target: str, *headers: str) -> bytes:
    lines = [f"GET {target} HTTP/1.1", "Host: localhost", *headers, "Connection: close", "", ""]
    return "\r\n".join(lines).encode("latin-1")


async def test_a_well_formed_request_is_served_over_the_socket(port: int) -> None:
    answer = await exchange(port, request("/api/v1/health/"))

    assert answer.status == 200


async def test_a_url_over_the_limit_is_a_414_problem_that_does_not_quote_it(port: int) -> None:
    target = "/api/v1/backtests?q=" + "z" * MAX_URL_BYTES

    answer = await exchange(port, request(target))

    assert answer.status == 414
    assert "URL" in answer.problem()["detail"]
    assert b"zzzz" not in answer.body


async def test_a_header_over_the_limit_is_a_431_problem(port: int) -> None:
    answer = await exchange(
        port, request("/api/v1/health/", "X-Big: " + "z" * (MAX_HEADER_BYTES + 1))
    )

    assert answer.status == 431
    assert answer.problem()["type"].endswith("header-too-large")
    assert b"zzzz" not in answer.body


async def test_too_many_headers_are_a_431_problem(port: int) -> None:
    many = [f"X-Header-{n}: {n}" for n in range(HANDLER_ARGS["max_headers"] + 1)]

    answer = await exchange(port, request("/api/v1/health/", *many))

    assert answer.status == 431
    answer.problem()


async def test_a_token_followed_by_a_control_character_is_neither_echoed_nor_logged(
    port: int, caplog: pytest.LogCaptureFixture
) -> None:
    token = mint_token(SECRET, "6f1c2f4e-8d0a-4c1e-9a55-3f0b8f1d2a10")
    signature = token.rsplit(".", 1)[1]
    caplog.set_level(logging.DEBUG)

    answer = await exchange(
        port, request("/api/v1/backtests", f"Authorization: Bearer {token}\x01")
    )

    assert answer.status == 400
    assert answer.problem()["type"].endswith("malformed-request")
    assert signature.encode() not in answer.body
    assert "refused a malformed request" in caplog.text
    assert signature not in caplog.text
    assert token.split(".")[1] not in caplog.text
