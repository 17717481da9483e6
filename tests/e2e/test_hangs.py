"""The serve command as a real process, facing a hung bucket and hostile bytes on its socket.

S3 is a moto_server process stopped with SIGSTOP (its socket accepts, nothing answers).
"""

from __future__ import annotations

import json
import socket
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from adapters.outbound.market_data_storage.roots import S3Settings
from tests.contract.test_s3_faults import hung, moto_process
from tests.e2e.api_process import ROOT, embedded_env, mint, serving
from tests.support.processes import free_port

BTC = "/api/v1/ohlcv/data?symbol=BTC&start_date=2023-{m:02d}-01&end_date=2023-{m:02d}-20"


def get(port: int, path: str, token: str | None = None) -> tuple[int, dict[str, str], Any]:
    """Status, headers and JSON body; the timeout only keeps a broken server from hanging us."""
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=120) as response:
            return response.status, dict(response.headers), json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), json.loads(error.read() or b"null")


def status_of(answer: bytes) -> int:
    return int(answer.split(b"\r\n", 1)[0].split()[1])


def raw(port: int, head: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(head)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def on_bucket(data_dir: Path, port: int, s3: S3Settings) -> dict[str, str]:
    env = embedded_env(data_dir, port)
    env["PYTHONPATH"] = str(ROOT)
    env.update(
        {
            "MINIO_ENDPOINT": s3.endpoint,
            "MINIO_ACCESS_KEY": "testing",
            "MINIO_SECRET_KEY": "testing",
            "MINIO_BUCKET": s3.bucket,
        }
    )
    return env


def test_a_hung_bucket_costs_market_data_a_bounded_wait_and_nothing_else(tmp_path: Path) -> None:
    port = free_port()
    with moto_process() as (moto, s3), serving(on_bucket(tmp_path, port, s3), port) as process:
        token = mint(on_bucket(tmp_path, port, s3))
        before = get(port, BTC.format(m=1), token)
        with hung(moto):
            refused = get(port, BTC.format(m=2), token)
            alive = get(port, "/api/v1/health/")
            listed = get(port, "/api/v1/backtests", token)
        after = get(port, BTC.format(m=2), token)
        process.terminate()
        process.wait(timeout=30)

    assert before[0] == 200
    status, headers, problem = refused
    assert status == 503
    assert int(headers["Retry-After"]) > 0
    assert s3.endpoint not in json.dumps(problem)
    assert s3.bucket not in json.dumps(problem)
    assert (alive[0], listed[0], after[0]) == (200, 200, 200)


def test_the_process_answers_hostile_bytes_with_problems_and_logs_no_token(
    tmp_path: Path,
) -> None:
    port = free_port()
    env = embedded_env(tmp_path, port)
    env["PYTHONPATH"] = str(ROOT)
    with serving(env, port) as process:
        token = mint(env)
        long_url = raw(port, b"GET /api/v1/backtests?q=" + b"z" * 9000 + b" HTTP/1.1\r\n\r\n")
        bad_header = raw(
            port,
            b"GET /api/v1/backtests HTTP/1.1\r\nHost: x\r\n"
            + f"Authorization: Bearer {token}\x01\r\n\r\n".encode(),
        )
        process.terminate()
        process.wait(timeout=30)
    logs = (tmp_path / f"serve-{port}.log").read_bytes()  # where serving() writes the log

    signature = token.rsplit(".", 1)[1]
    assert status_of(long_url) == 414
    assert b"application/problem+json" in long_url
    assert status_of(bad_header) == 400
    assert b"application/problem+json" in bad_header
    assert signature.encode() not in bad_header
    assert b"refused a malformed request" in logs
    assert signature.encode() not in logs
