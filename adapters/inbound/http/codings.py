"""The content codings the API answers in (Zstandard, Brotli and gzip), and how hard each works.

Small answers get most of what a coding can save (Brotli quality 4, Zstandard level 3, gzip
level 6), and Brotli first when the client accepts several equally: its built-in dictionary
makes small JSON a little smaller. Large ones (candle pages of megabytes) get the fast levels,
and Zstandard first: on 5.2 MB of candle JSON rows, Zstandard level 1 took ~10 ms for 15% of
the size and ~4 ms to decode, against Brotli quality 1's ~19 ms for 20% and ~14 ms to
decode, and gzip level 1's ~35 ms for 23%. Compressing at the slow levels (Brotli quality
4: ~70 ms; gzip level 6: ~92 ms) took longer than reading the candles. Browsers accept
Zstandard since 2024, aiohttp's client with backports.zstd installed.
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Callable
from typing import Protocol

import brotli

try:  # the standard library's from Python 3.14 (PEP 784), its backport before
    from compression import zstd  # type: ignore[import-not-found]
except ImportError:
    from backports import zstd

LARGE_BYTES = 256 * 1024
_GZIP_WBITS = 31  # a zlib stream with the gzip header and trailer


class StreamEncoder(Protocol):
    """Encodes a body piece by piece: `piece` for each, `end` once after the last."""

    def piece(self, data: bytes) -> bytes: ...

    def end(self) -> bytes: ...


def offered(size: int) -> tuple[str, ...]:
    """The codings for an answer of `size` bytes, the server's preferred first (it decides
    between codings the client wants equally)."""
    return ("zstd", "br", "gzip") if size > LARGE_BYTES else ("br", "zstd", "gzip")


def encode(coding: str, body: bytes) -> bytes:
    """`body` in `coding` ("zstd", "br" or "gzip"), at the level its size calls for."""
    large = len(body) > LARGE_BYTES
    if coding == "zstd":
        return zstd.compress(body, level=1 if large else 3)
    if coding == "br":
        return brotli.compress(body, quality=1 if large else 4)
    return gzip.compress(body, compresslevel=1 if large else 6, mtime=0)


class _Brotli:
    def __init__(self) -> None:
        self._compressor = brotli.Compressor(quality=1)

    def piece(self, data: bytes) -> bytes:
        return self._compressor.process(data)

    def end(self) -> bytes:
        return self._compressor.finish()


class _Compressor(Protocol):
    def compress(self, data: bytes, /) -> bytes: ...

    def flush(self) -> bytes: ...


class _Flushed:
    """A compressor with `compress` for pieces and `flush` at the end: zlib's and
    Zstandard's."""

    def __init__(self, compressor: _Compressor) -> None:
        self._compressor = compressor

    def piece(self, data: bytes) -> bytes:
        return self._compressor.compress(data)

    def end(self) -> bytes:
        return self._compressor.flush()


STREAM_ENCODERS: dict[str, Callable[[], StreamEncoder]] = {
    "zstd": lambda: _Flushed(zstd.ZstdCompressor(level=1)),
    "br": _Brotli,
    "gzip": lambda: _Flushed(zlib.compressobj(1, zlib.DEFLATED, _GZIP_WBITS)),
}
"""Encoders for streamed answers, which are large: the fast levels."""
