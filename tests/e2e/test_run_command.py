"""The run command on embedded defaults, as a user starts it: a real process, real ports."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from adapters.outbound.supabase.token_verifier import SupabaseTokenVerifier
from core.ports.clock import SystemClock
from tests.e2e.api_process import ROOT, USER, embedded_env, mint, request, serving
from tests.support.processes import free_port

JANUARY_BTC = "/api/v1/ohlcv/data?symbol=BTC&start_date=2023-01-01&end_date=2023-01-31&timeframe=1d"


def test_embedded_defaults_serve_the_api_and_keep_data_across_a_restart(tmp_path: Path) -> None:
    port = free_port()
    env = embedded_env(tmp_path, port)
    env["PYTHONPATH"] = str(ROOT)
    name = f"kept {uuid.uuid4().hex[:6]}"

    with serving(env, port) as process:
        token = mint(env)
        status, created = request(
            port,
            "POST",
            "/api/v1/backtests",
            token,
            {
                "name": name,
                "strategy": "Moving Average Crossover",
                "symbol": "BTC",
                "start_date": "2023-01-01",
                "end_date": "2023-12-31",
                "initial_capital": 10000,
            },
        )
        assert status == 201
        status, candles = request(port, "GET", JANUARY_BTC, token)
        assert status == 200
        assert candles["count"] == 31
    assert process.returncode == 0, "SIGTERM should shut the server down cleanly"

    with serving(env, port):
        status, listed = request(port, "GET", "/api/v1/backtests", mint(env))

    assert status == 200
    assert [item["id"] for item in listed["items"]] == [created["id"]]
    assert (tmp_path / "dev-jwt-secret").is_file()
    assert (tmp_path / "postgres").is_dir()


def processes_mentioning(text: str) -> list[int]:
    """Pids whose command line contains `text` (Linux /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if entry.name.isdigit() and text in cmdline:
            found.append(int(entry.name))
    return found


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs Linux's /proc to find processes")
def test_stopping_the_dev_serve_command_stops_the_server_and_its_postgres(tmp_path: Path) -> None:
    port = free_port()
    env = embedded_env(tmp_path, port)

    with serving(env, port, (str(ROOT / "dev.py"), "serve")) as process:
        assert processes_mentioning(str(tmp_path / "postgres")), "embedded Postgres should run"
        process.terminate()
        process.wait(timeout=30)

    deadline = time.monotonic() + 15
    while processes_mentioning(str(tmp_path / "postgres")) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert process.returncode == 0
    assert processes_mentioning(str(tmp_path / "postgres")) == []
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", port), timeout=1).close()


def test_the_same_server_on_a_bucket_serves_the_same_candles(tmp_path: Path) -> None:
    from tests.support.marketdata import moto_s3

    local_dir, s3_dir = tmp_path / "local", tmp_path / "s3"
    local_dir.mkdir()
    s3_dir.mkdir()
    answers = []
    with moto_s3() as bucket:
        for data_dir, on_s3 in ((local_dir, False), (s3_dir, True)):
            port = free_port()
            env = embedded_env(data_dir, port)
            env["PYTHONPATH"] = str(ROOT)
            if on_s3:
                env.update(
                    {
                        "MINIO_ENDPOINT": bucket.endpoint,
                        "MINIO_ACCESS_KEY": "testing",
                        "MINIO_SECRET_KEY": "testing",
                        "MINIO_BUCKET": bucket.bucket,
                    }
                )
                subprocess.run(
                    [sys.executable, "-m", "bootstrap", "sample-data"],
                    cwd=data_dir, env=env, check=True, capture_output=True, timeout=120,
                )  # fmt: skip
            with serving(env, port):
                token = mint(env)
                answers.append(request(port, "GET", JANUARY_BTC, token))
                _, health = request(port, "GET", "/api/v1/health/detailed", token)
                assert health["dependencies"]["market_data"]["status"] == "ok"

    assert answers[0][0] == answers[1][0] == 200
    assert answers[0][1] == answers[1][1]
    assert not (s3_dir / "marketdata").exists()


def test_production_refuses_to_start_on_embedded_defaults(tmp_path: Path) -> None:
    env = embedded_env(tmp_path, free_port())
    env.update({"ENVIRONMENT": "production", "PYTHONPATH": str(ROOT)})

    result = subprocess.run(
        [sys.executable, "-m", "bootstrap", "serve"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert result.returncode == 2
    assert "SUPABASE_JWT_SECRET or SUPABASE_URL" in result.stderr
    assert "Traceback" not in result.stderr


def test_tokens_minted_from_any_folder_are_signed_with_the_same_secret(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SUPABASE_", "DATA_DIR"))}
    env.pop("ENVIRONMENT", None)
    command = [sys.executable, "-m", "bootstrap", "token", "--sub", USER]

    minted = [
        subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=True)
        for cwd in (ROOT, tmp_path)
    ]

    secret_file = ROOT / ".data" / "dev-jwt-secret"
    assert all(str(secret_file) in result.stderr for result in minted)
    verifier = SupabaseTokenVerifier(
        jwt_secret=secret_file.read_text().strip(),
        supabase_url=None,
        jwks=None,
        clock=SystemClock(),
    )
    for result in minted:
        principal = asyncio.run(verifier.verify(result.stdout.strip()))
        assert str(principal.user_id) == USER
