"""No token, signature or configured secret reaches a log line, whoever logs it."""

from __future__ import annotations

import asyncio
import base64
import io
import json
import logging
from collections.abc import Iterator

import pytest
from aiohttp import web
from hypothesis import given
from hypothesis import strategies as st

from adapters.outbound.supabase.minting import mint_token
from bootstrap.logging_setup import (
    REDACTED,
    JsonFormatter,
    SecretsFilter,
    add_secrets,
    configure_logging,
)

TOKEN = mint_token("a-secret-long-enough-for-hs256-0123456789abcdef", "6f1c2f4e")
SIGNATURE = TOKEN.rsplit(".", 1)[1]


@pytest.fixture
def restored_logging() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)


def logged(secrets: tuple[str, ...] = ()) -> tuple[logging.Logger, io.StringIO]:
    """A logger writing JSON lines through a SecretsFilter into a buffer."""
    buffer = io.StringIO()
    handler = logging.StreamHandler(buffer)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(SecretsFilter(secrets))
    logger = logging.getLogger(f"test.redaction.{id(buffer)}")
    logger.handlers[:] = [handler]
    logger.propagate = False
    return logger, buffer


def b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def test_a_token_is_redacted_from_the_message_its_arguments_extras_and_exception_text() -> None:
    logger, buffer = logged()

    try:
        raise ValueError(f"Invalid header value char: b'Authorization: Bearer {TOKEN}\\x01'")
    except ValueError:
        logger.exception("failed for %s", f"Bearer {TOKEN}", extra={"header": TOKEN})

    line = json.loads(buffer.getvalue())
    assert SIGNATURE not in buffer.getvalue()
    assert line["message"] == f"failed for Bearer {REDACTED}"
    assert line["header"] == REDACTED
    assert "ValueError" in line["exception"]
    assert REDACTED in line["exception"]


@given(
    header=st.binary(min_size=1, max_size=40),
    payload=st.binary(min_size=1, max_size=200),
    signature=st.binary(min_size=32, max_size=64),
    before=st.sampled_from(["", "token=", "Bearer ", "b'Authorization: Bearer ", "'", "x "]),
    after=st.sampled_from(["", "\\x01'", "'", " and more", "\n", "..."]),
)
def test_any_jwt_shaped_string_loses_its_payload_and_signature(
    header: bytes, payload: bytes, signature: bytes, before: str, after: str
) -> None:
    token = ".".join([b64(b'{"alg":"HS256"' + header), b64(payload), b64(signature)])
    logger, buffer = logged()

    logger.warning("%s%s%s", before, token, after)

    assert b64(signature) not in buffer.getvalue()
    assert b64(payload) not in buffer.getvalue() or len(b64(payload)) < 4


def test_configured_secrets_and_url_passwords_are_redacted(restored_logging: None) -> None:
    logger, buffer = logged(("s3-secret-key-value", "short"))
    logger.warning(
        "connecting to postgresql://app:hunter2hunter@db:5432/x with s3-secret-key-value"
    )

    message = json.loads(buffer.getvalue())["message"]
    assert message == f"connecting to postgresql://app:{REDACTED}@db:5432/x with {REDACTED}"


def test_secrets_known_later_are_redacted_from_then_on(
    restored_logging: None, capsys: pytest.CaptureFixture[str]
) -> None:
    configure_logging("INFO", "json", secrets=("configured-jwt-secret",))
    add_secrets("development-secret-made-later")

    logging.getLogger("test").warning("configured-jwt-secret development-secret-made-later")

    err = capsys.readouterr().err
    assert json.loads(err)["message"] == f"{REDACTED} {REDACTED}"


async def test_aiohttps_own_error_log_of_a_malformed_header_carries_no_token(
    restored_logging: None, capsys: pytest.CaptureFixture[str]
) -> None:
    configure_logging("INFO", "json")
    runner = web.AppRunner(web.Application())
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    try:
        reader, writer = await asyncio.open_connection("127.0.0.1", runner.addresses[0][1])
        head = f"GET / HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {TOKEN}\x01\r\n\r\n"
        writer.write(head.encode())
        async with asyncio.timeout(30):
            await reader.read()
        writer.close()
    finally:
        await runner.cleanup()

    err = capsys.readouterr().err
    assert "Error handling request" in err
    assert REDACTED in err
    assert SIGNATURE not in err
    assert TOKEN.split(".")[1] not in err
