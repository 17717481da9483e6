"""The application as a process of its own (`python -m bootstrap serve`) over the bench's store.

A separate process, so that its peak memory is its own and its event loop shares no GIL with
the bench's clients. It runs on a scratch database (bench/engine_http.py's, on DATABASE_URL,
else TEST_DATABASE_URL, else the local test server), with a secret of the bench's own so the
bench can mint tokens.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from adapters.outbound.supabase.minting import mint_token

SECRET = "ohlcv-benchmark-secret-ohlcv-benchmark-secret"
READY_PATH = "/api/v1/health/ready"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class PeakRss:
    """A process's peak resident memory (VmHWM), which can be reset between phases."""

    def __init__(self, pid: int) -> None:
        self._proc = Path(f"/proc/{pid}")

    def reset(self) -> bool:
        """Starts a new peak from the current size; False where the kernel refuses."""
        try:
            (self._proc / "clear_refs").write_text("5")
        except OSError:
            return False
        return True

    def peak_mb(self) -> float | None:
        try:
            status = (self._proc / "status").read_text()
        except OSError:
            return None
        for line in status.splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        return None


@dataclass(frozen=True)
class Served:
    """A running server: its address, the headers of an authenticated client, its memory."""

    name: str
    base: str
    pid: int
    log: Path
    headers: dict[str, str] = field(
        default_factory=lambda: {"Authorization": f"Bearer {mint_token(SECRET, str(uuid.uuid4()))}"}
    )

    @property
    def rss(self) -> PeakRss:
        return PeakRss(self.pid)


def _wait_until_ready(process: subprocess.Popen[bytes], base: str, log: Path) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"serve exited ({process.returncode}): {log.read_text()[-2000:]}")
        try:
            urllib.request.urlopen(base + READY_PATH, timeout=1)
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"serve was not ready within 90 s: {log.read_text()[-2000:]}")


@contextmanager
def serving(name: str, env: Mapping[str, str]) -> Iterator[Served]:
    """`python -m bootstrap serve` with `env` (which names DATA_DIR and DATABASE_URL) on a free
    port of 127.0.0.1, until the block ends; its log goes to DATA_DIR/serve-<name>.log."""
    port = free_port()
    settings = {**env, "HOST": "127.0.0.1", "PORT": str(port), "SUPABASE_JWT_SECRET": SECRET}
    log = Path(env["DATA_DIR"]) / f"serve-{name}.log"
    with log.open("ab") as sink:
        # The log goes to a file: a pipe nobody reads fills up and blocks the server.
        process = subprocess.Popen(
            [sys.executable, "-m", "bootstrap", "serve"],
            cwd=env["DATA_DIR"],
            env=settings,
            stdout=subprocess.DEVNULL,
            stderr=sink,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_ready(process, base, log)
        yield Served(name, base, process.pid, log)
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
