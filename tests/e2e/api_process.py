"""The API as a user starts it, for the end-to-end tests: a real process on a real port."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
USER = "6f1c2f4e-8d0a-4c1e-9a55-3f0b8f1d2a10"


def embedded_env(data_dir: Path, port: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "SUPABASE_"))}
    env.update({"DATA_DIR": str(data_dir), "PORT": str(port), "HOST": "127.0.0.1"})
    env.pop("ENVIRONMENT", None)
    return env


def request(port: int, method: str, path: str, token: str, body: Any = None) -> tuple[int, Any]:
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}",
        data=data,
        method=method,
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(req, timeout=10) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


@contextmanager
def serving(
    env: dict[str, str], port: int, command: tuple[str, ...] = ("-m", "bootstrap", "serve")
) -> Iterator[subprocess.Popen[bytes]]:
    # The log goes to a file: a pipe nobody reads fills up and blocks the server.
    log = Path(env["DATA_DIR"]) / f"serve-{port}.log"
    with log.open("ab") as sink:
        process = subprocess.Popen(
            [sys.executable, *command],
            cwd=env["DATA_DIR"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=sink,
        )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if process.poll() is not None:
                pytest.fail(f"serve exited: {log.read_text()[-2000:]}")
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/health/ready", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail(f"serve did not become ready within 60 s: {log.read_text()[-2000:]}")
        yield process
    finally:
        process.terminate()
        process.wait(timeout=30)


def mint(env: dict[str, str]) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "bootstrap", "token", "--sub", USER],
        cwd=env["DATA_DIR"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()
