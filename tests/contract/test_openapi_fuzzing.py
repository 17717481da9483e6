"""The served OpenAPI document is valid and true: schemathesis finds nothing against the API.

The app runs on a real port over the real Postgres adapters (so what Postgres refuses shows
up), with candles for BTC in memory. Schemathesis runs every phase (examples, coverage,
fuzzing, stateful) with the four checks below, seeded and bounded, over every operation the
document lists, so endpoints added later are covered without touching this file.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiohttp.test_utils import TestServer
from dependency_injector import providers
from openapi_spec_validator import validate

from adapters.outbound.memory.candle_store import InMemoryCandleStore
from adapters.outbound.postgres.pool import create_pool
from adapters.outbound.supabase.minting import mint_token
from bootstrap.container import Container
from bootstrap.settings import Settings
from bootstrap.web import build_app
from tests.support.in_memory import market_data_in
from tests.support.marketdata import bars, ms

SECRET = "schemathesis-secret-schemathesis-secret-012345"
USER = "6f1c2f4e-8d0a-4c1e-9a55-3f0b8f1d2a10"
CHECKS = (
    "not_a_server_error,status_code_conformance,"
    "content_type_conformance,response_schema_conformance"
)
PHASES = "examples,coverage,fuzzing,stateful"
SEED = "20261125"
EXAMPLES_PER_OPERATION = "40"


@pytest.fixture
async def server(database_url: str, tmp_path: Path) -> AsyncIterator[TestServer]:
    pool = await create_pool(database_url, 1, 1)
    await pool.execute("TRUNCATE trades, backtests, strategies, user_profiles CASCADE")
    await pool.close()
    candles = InMemoryCandleStore()
    candles.add("BTC", bars(ms(2023, 1, 1), 2 * 24 * 60, seed=1))
    # A wait (Prefer: wait) is held at most a second, should a request ask for one.
    env = {"DATA_DIR": str(tmp_path), "RUN_WAIT_MAX_SECONDS": "1"}
    settings = Settings.from_env(env, env_file=None)
    container = Container(settings=settings, database_url=database_url, jwt_secret=SECRET)
    # The container's own Postgres pool, unit of work and probe; only candles are swapped.
    container.market_data.override(market_data_in(candles))
    container.health_probes.override(providers.List(container.persistence.probe))
    server = TestServer(build_app(container), host="127.0.0.1")
    await server.start_server()
    try:
        yield server
    finally:
        await server.close()
        container.unwire()


async def test_the_served_document_is_valid_openapi_3(server: TestServer) -> None:
    async with (
        aiohttp.ClientSession() as session,
        session.get(server.make_url("/openapi.json")) as response,
    ):
        document: dict[str, Any] = await response.json()

    validate(document)

    assert document["openapi"].startswith("3.")


async def test_schemathesis_finds_nothing_in_any_phase(server: TestServer, tmp_path: Path) -> None:
    token = mint_token(SECRET, USER)

    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "schemathesis.cli",
        "run",
        str(server.make_url("/openapi.json")),
        "--header",
        f"Authorization: Bearer {token}",
        "--phases",
        PHASES,
        "--checks",
        CHECKS,
        "--max-examples",
        EXAMPLES_PER_OPERATION,
        "--seed",
        SEED,
        "--workers",
        "1",
        "--generation-database",
        "none",
        "--no-color",
        "--report-dir",
        str(tmp_path),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
        cwd=tmp_path,
    )
    output, _ = await process.communicate()
    text = output.decode(errors="replace")

    assert process.returncode == 0, text[-12_000:]
    for phase in ("Examples", "Coverage", "Fuzzing", "Stateful"):
        assert f"{phase} (in" in text, f"the {phase} phase did not run:\n{text[-4000:]}"
