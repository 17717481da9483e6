"""The embedded server of the run command's defaults keeps its data in its folder."""

from __future__ import annotations

from pathlib import Path

import asyncpg
import pytest

from adapters.outbound.postgres.embedded import start_embedded_postgres, stop_embedded_postgres
from adapters.outbound.postgres.migrations import apply_migrations
from tests.contract.conftest import MIGRATIONS


async def test_data_survives_a_restart_of_the_embedded_server(tmp_path: Path) -> None:
    data_dir = tmp_path / "postgres"
    url = start_embedded_postgres(data_dir)
    try:
        apply_migrations(url, MIGRATIONS)
        connection = await asyncpg.connect(url)
        await connection.execute(
            "INSERT INTO user_profiles VALUES (gen_random_uuid(), 'kept@example.com', 'user', "
            "now(), now())"
        )
        await connection.close()

        stop_embedded_postgres(data_dir)
        with pytest.raises((FileNotFoundError, ConnectionRefusedError)):
            await asyncpg.connect(url)
        again = start_embedded_postgres(data_dir)

        connection = await asyncpg.connect(again)
        emails = await connection.fetch("SELECT email FROM user_profiles")
        await connection.close()
        pending = apply_migrations(again, MIGRATIONS)
    finally:
        stop_embedded_postgres(data_dir)

    assert [r["email"] for r in emails] == ["kept@example.com"]
    assert pending == []
