"""A client that stalls mid-upload is cut off with 408 after BODY_TIMEOUT_SECONDS."""

from __future__ import annotations

import asyncio
import json

import pytest

from tests.http.conftest import Api


@pytest.fixture
def settings_env() -> dict[str, str]:
    return {"BODY_TIMEOUT_SECONDS": "1"}


async def test_a_body_that_stops_arriving_is_answered_408_and_nothing_is_stored(api: Api) -> None:
    server = api.client.server
    reader, writer = await asyncio.open_connection(server.host, server.port)
    token = api.auth()["Authorization"]
    body = b'{"name": "slow", "kind": "buy_and_hold"}'
    head = (
        "POST /api/v1/strategies HTTP/1.1\r\n"
        f"Host: {server.host}\r\nAuthorization: {token}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(body) + 100}\r\n\r\n"
    )

    writer.write(head.encode() + body)  # 100 bytes short, then nothing more
    await writer.drain()
    status_line = await asyncio.wait_for(reader.readline(), timeout=30)
    answer = await asyncio.wait_for(reader.read(4096), timeout=30)
    writer.close()
    _, listed = await api.call("GET", "/api/v1/strategies")

    assert status_line.split()[1] == b"408"
    assert b"application/problem+json" in answer
    assert json.loads(answer.split(b"\r\n\r\n", 1)[1])["status"] == 408
    assert listed["items"] == []


async def test_a_body_that_arrives_in_time_is_read(api: Api) -> None:
    status, _ = await api.call(
        "POST", "/api/v1/strategies", json={"name": "quick", "kind": "buy_and_hold"}
    )

    assert status == 201
