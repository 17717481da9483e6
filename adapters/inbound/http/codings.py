"""The content codings the API answers in (Brotli and gzip), and how hard each one works.

Small answers get most of what a coding can save (Brotli quality 4, gzip level 6). Large ones
(candle pages of megabytes) get the fast levels: on 4.9 MB of candle JSON, Brotli quality 1
takes ~18 ms for 11% of the size where quality 4 takes ~70 ms for 9%, and gzip level 1 ~31 ms
for 14% where level 6 takes ~92 ms for 10%; compressing at the slow levels took longer than
reading the candles.
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Callable
from typing import Protocol

import brotli

OFFERED = ("br", "gzip")
LARGE_BYTES = 256 * 1024
_GZIP_WBITS = 31  # a zlib stream with the gzip header and trailer


class StreamEncoder(Protocol):
    """Encodes a body piece by piece: `piece` for each, `end` once after the last."""

    def piece(self, data: bytes) -> bytes: ...

    def end(self) -> bytes: ...


def encode(coding: str, body: bytes) -> bytes:
    """`body` in `coding` ("br" or "gzip"), at the level its size calls for."""
    if coding == "br":
        return brotli.compress(body, quality=1 if len(body) > LARGE_BYTES else 4)
    return gzip.compress(body, compresslevel=1 if len(body) > LARGE_BYTES else 6, mtime=0)


class _Brotli:
    def __init__(self) -> None:
        self._compressor = brotli.Compressor(quality=1)

    def piece(self, data: bytes) -> bytes:
        return self._compressor.process(data)

    def end(self) -> bytes:
        return self._compressor.finish()


class _Gzip:
    def __init__(self) -> None:
        self._compressor = zlib.compressobj(1, zlib.DEFLATED, _GZIP_WBITS)

    def piece(self, data: bytes) -> bytes:
        return self._compressor.compress(data)

    def end(self) -> bytes:
        return self._compressor.flush()


STREAM_ENCODERS: dict[str, Callable[[], StreamEncoder]] = {"br": _Brotli, "gzip": _Gzip}
"""Encoders for streamed answers, which are large: the fast levels."""
