"""Progress counts the bytes read, so one big file moves the bar; only a terminal shows it."""

from __future__ import annotations

import fcntl
import gzip
import os
import pty
import select
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest
from tqdm import tqdm

from adapters.outbound.market_data_storage.sinks import LocalSink
from adapters.outbound.parquet.ingest.ingest import ingest_files

ROWS = 90_000  # about 3 MB, three reads of a megabyte


def big_file(folder: Path, name: str = "big.csv") -> Path:
    lines = [f"{1672531200 + 60 * m},10,11,9,10.5,3\n" for m in range(ROWS)]
    text = "ts,open,high,low,close,volume\n" + "".join(lines)
    path = folder / name
    path.write_bytes(gzip.compress(text.encode()) if name.endswith(".gz") else text.encode())
    return path


@pytest.mark.parametrize("name", ["big.csv", "big.csv.gz"])
async def test_progress_hears_of_every_byte_of_a_single_file_as_it_is_read(
    tmp_path: Path, name: str
) -> None:
    source = big_file(tmp_path, name)
    reads: list[int] = []

    report = await ingest_files([source], "X", LocalSink(tmp_path / "out"), on_bytes=reads.append)

    assert report.rows_kept == ROWS
    assert len(reads) > 1
    assert sum(reads) == source.stat().st_size


def on_a_terminal(argv: list[str], cwd: Path) -> tuple[int, str]:
    """Runs the command with stderr on a pseudo-terminal: (exit status, what it showed)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("MINIO_")}
    env["DATA_DIR"] = str(cwd / "data")
    main, terminal = pty.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    process = subprocess.Popen(
        [sys.executable, "-m", "bootstrap", "ingest", *argv],
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=terminal,
    )
    os.close(terminal)
    shown = b""
    try:
        while select.select([main], [], [], 120)[0]:
            try:
                data = os.read(main, 65536)
            except OSError:  # EIO: the process has closed the terminal
                break
            if not data:
                break
            shown += data
    finally:
        os.close(main)
    return process.wait(timeout=120), shown.decode(errors="replace")


def test_a_terminal_shows_a_bar_counting_bytes(tmp_path: Path) -> None:
    size = tqdm.format_sizeof(big_file(tmp_path).stat().st_size, divisor=1024)

    code, shown = on_a_terminal(["big.csv", "--symbol", "X"], tmp_path)

    assert code == 0
    assert "ingest: 100%" in shown
    assert f"| {size}/{size} [" in shown
    assert "B/s]" in shown


def test_no_progress_keeps_the_terminal_quiet(tmp_path: Path) -> None:
    big_file(tmp_path)

    code, shown = on_a_terminal(["big.csv", "--symbol", "X", "--no-progress"], tmp_path)

    assert code == 0
    assert "100%" not in shown
    assert shown.strip() == ""
