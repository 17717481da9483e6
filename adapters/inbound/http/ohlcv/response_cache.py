"""Encoded candle responses, kept by byte budget (past ranges) or briefly (ranges with today)."""

from __future__ import annotations

import hashlib
from collections.abc import Hashable
from dataclasses import dataclass, field

from cachetools import LRUCache, TTLCache

from core.use_cases.market_data.freshness import Freshness


@dataclass(frozen=True, slots=True)
class CachedResponse:
    """An encoded answer, and the cursor of the page after it (None on the last page).

    `codings` keeps the body in the content codings it was asked for (br, gzip), made on the
    first hit that wanted each: a hit does not compress the same megabytes again.
    """

    body: bytes
    content_type: str
    etag: str
    freshness: Freshness
    next_cursor: str | None = None
    codings: dict[str, bytes] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def of(
        cls,
        body: bytes,
        content_type: str,
        freshness: Freshness,
        next_cursor: str | None = None,
    ) -> CachedResponse:
        etag = f'"{hashlib.blake2b(body, digest_size=16).hexdigest()}"'
        return cls(body, content_type, etag, freshness, next_cursor)


_OVERHEAD = 256  # bytes counted per entry besides its body
# Room counted for an entry's encoded forms: Brotli and gzip make candle pages a tenth to a
# seventh of their size (codings.py), so both together stay within a third of the body.
_CODINGS_SHARE = 3


def _size(entry: CachedResponse) -> int:
    return len(entry.body) + len(entry.body) // _CODINGS_SHARE + _OVERHEAD


class ResponseCache:
    """A bounded LRU for immutable answers and a small TTL cache for live ones."""

    def __init__(
        self, max_bytes: int, live_ttl_seconds: float, max_entry_bytes: int | None = None
    ) -> None:
        self.live_ttl_seconds = live_ttl_seconds
        self.refused = 0  # entries offered and refused for their size
        self._max_entry = max_entry_bytes or max(max_bytes // 8, 1)
        self._immutable: LRUCache[Hashable, CachedResponse] = LRUCache(max_bytes, getsizeof=_size)
        self._live: TTLCache[Hashable, CachedResponse] = TTLCache(
            max(max_bytes // 4, 1), live_ttl_seconds, getsizeof=_size
        )

    def get(self, key: Hashable) -> CachedResponse | None:
        return self._immutable.get(key) or self._live.get(key)

    def fits(self, body_bytes: int) -> bool:
        """Whether an answer of `body_bytes` would be kept: asked before building an entry,
        so that an answer too large to keep is neither collected nor hashed."""
        return body_bytes + body_bytes // _CODINGS_SHARE + _OVERHEAD <= self._max_entry

    def put(self, key: Hashable, entry: CachedResponse) -> None:
        if not self.fits(len(entry.body)):
            self.refused += 1
            return
        target = self._immutable if entry.freshness is Freshness.IMMUTABLE else self._live
        target[key] = entry

    @property
    def bytes_used(self) -> int:
        return int(self._immutable.currsize + self._live.currsize)
