"""Fixtures for tests that run the API and workers as real processes on one database."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from adapters.outbound.postgres.embedded import start_embedded_postgres, stop_embedded_postgres
from tests.contract.conftest import scratch_database
from tests.e2e.api_process import ROOT, embedded_env
from tests.support.processes import free_port


@pytest.fixture(scope="session")
def server_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    configured = os.environ.get("TEST_DATABASE_URL")
    if configured:
        yield configured
        return
    folder = tmp_path_factory.mktemp("pg")
    yield start_embedded_postgres(folder)
    stop_embedded_postgres(folder)


@pytest.fixture
def env(tmp_path: Path, server_url: str) -> Iterator[dict[str, str]]:
    """Settings for processes sharing a scratch database this test owns (no worker in the
    API: RUN_WORKERS=0), so no process's death takes the database with it."""
    with scratch_database(server_url, "durable") as database_url:
        env = embedded_env(tmp_path, free_port())
        env.update(
            {
                "DATABASE_URL": database_url,
                "RUN_WORKERS": "0",
                "RUN_HEARTBEAT_SECONDS": "3",
                "PYTHONPATH": str(ROOT),
            }
        )
        yield env
