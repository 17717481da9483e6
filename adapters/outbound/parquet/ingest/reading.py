"""A CSV file (plain or gzip) as chunks of whole lines, counting the bytes read for progress.

Lines are Arrow strings, one per physical line (blank ones included), so the 1-based line
number of every row is known exactly: an editor's line numbers, header counted.
"""

from __future__ import annotations

import gzip
import io
import zlib
from collections.abc import Callable, Generator
from contextlib import closing
from pathlib import Path
from typing import IO

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

OnBytes = Callable[[int], object]
CHUNK_BYTES = 1 << 20


class UnreadableFile(ValueError):
    """The file cannot be read at all (a broken gzip stream, no permission)."""


class _Counted(io.RawIOBase):
    """Reports every read of the file on disk (compressed bytes for .gz)."""

    def __init__(self, raw: IO[bytes], on_bytes: OnBytes) -> None:
        self._raw = raw
        self._on_bytes = on_bytes

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        count = self._raw.readinto(buffer)  # type: ignore[attr-defined]
        if count:
            self._on_bytes(count)
        return count

    def close(self) -> None:
        self._raw.close()
        super().close()


def _open(path: Path, on_bytes: OnBytes) -> IO[bytes]:
    try:
        raw = path.open("rb")
    except OSError as error:
        raise UnreadableFile(f"{path}: cannot be read: {error.strerror}") from None
    counted = io.BufferedReader(_Counted(raw, on_bytes))
    if path.suffix == ".gz":
        return gzip.GzipFile(fileobj=counted, mode="rb")  # type: ignore[return-value]
    return counted


def _ignore(count: int) -> None:
    return None


def line_chunks(
    path: Path, on_bytes: OnBytes = _ignore, chunk_bytes: int = CHUNK_BYTES
) -> Generator[tuple[int, pa.Array], None, None]:
    """(number of the chunk's first line, its lines without line ends), in file order."""
    number = 1
    rest = b""
    with _open(path, on_bytes) as stream:
        while True:
            block = _read(stream, chunk_bytes, path)
            data = rest + block
            cut = data.rfind(b"\n") + 1 if block else len(data)
            data, rest = data[:cut], data[cut:]
            if data:
                lines = _split(data, first=number == 1)
                yield number, lines
                number += len(lines)
            if not block:
                return


def _read(stream: IO[bytes], size: int, path: Path) -> bytes:
    try:
        return stream.read(size)
    except (OSError, EOFError, zlib.error) as error:
        raise UnreadableFile(f"{path}: cannot be read: {error}") from None


def _split(data: bytes, *, first: bool) -> pa.Array:
    text = data.decode("utf-8", errors="replace")
    if first:
        text = text.removeprefix("\ufeff")
    text = text.removesuffix("\n")
    lines = pc.split_pattern(pa.array([text], pa.string()), "\n").flatten()
    return pc.utf8_rtrim(lines, "\r")


def first_lines(path: Path, count: int = 2) -> list[str]:
    """The first `count` lines that are not blank, stripped (fewer in a shorter file)."""
    found: list[str] = []
    with closing(line_chunks(path, chunk_bytes=64 * 1024)) as chunks:
        for _, lines in chunks:
            found += [line.strip() for line in lines.to_pylist() if line.strip()]
            if len(found) >= count:
                break
    return found[:count]


def blank(lines: pa.Array) -> np.ndarray:
    return np.asarray(
        pc.equal(pc.utf8_length(pc.utf8_trim_whitespace(lines)), 0).to_numpy(zero_copy_only=False),
        dtype=bool,
    )
