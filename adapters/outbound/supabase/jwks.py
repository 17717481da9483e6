"""JwksCache: the project's public signing keys, fetched lazily and refreshed on a new kid."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import aiohttp
from joserfc.errors import JoseError
from joserfc.jwk import ECKey, KeySet, RSAKey

from core.domain.errors import Unauthenticated, Unavailable
from core.ports.clock import Clock

log = logging.getLogger("backtest.auth")
JWKS_PATH = "/auth/v1/.well-known/jwks.json"
_KEY_TYPES: dict[str, type[RSAKey] | type[ECKey]] = {"RS256": RSAKey, "ES256": ECKey}


class JwksCache:
    """Refetches at most once per `min_refresh_seconds`, however many unknown kids arrive."""

    def __init__(
        self,
        url: str,
        clock: Clock,
        *,
        min_refresh_seconds: float = 5.0,
        timeout_seconds: float = 5.0,
    ) -> None:
        self.url = url
        self._clock = clock
        self._min_refresh = min_refresh_seconds
        self._timeout = aiohttp.ClientTimeout(total=timeout_seconds)
        self._keys: KeySet | None = None
        self._fetched_at: float | None = None
        self._lock = asyncio.Lock()
        self._session: aiohttp.ClientSession | None = None

    @classmethod
    def for_supabase(cls, supabase_url: str, clock: Clock, **options: Any) -> JwksCache:
        return cls(supabase_url.rstrip("/") + JWKS_PATH, clock, **options)

    async def key_for(self, kid: str | None, alg: str) -> RSAKey | ECKey:
        """The key that signed a token with this kid and alg; refreshes once if it is new."""
        key = self._find(kid, alg)
        if key is not None:
            return key
        async with self._lock:
            key = self._find(kid, alg)
            if key is None and self._may_refresh():
                await self._fetch()
                key = self._find(kid, alg)
        if key is None:
            raise Unauthenticated("token signed with an unknown key")
        return key

    def _may_refresh(self) -> bool:
        if self._fetched_at is None:
            return True
        return self._clock.now().timestamp() - self._fetched_at >= self._min_refresh

    def _find(self, kid: str | None, alg: str) -> RSAKey | ECKey | None:
        if self._keys is None:
            return None
        wanted = _KEY_TYPES[alg]
        candidates = [
            k
            for k in self._keys.keys
            if isinstance(k, wanted)
            and (kid is None or k.kid == kid)
            and k.get("alg") in (None, alg)
        ]
        # Without a kid, only an unambiguous key will do.
        return candidates[0] if len(candidates) == 1 or (kid and candidates) else None

    async def _fetch(self) -> None:
        self._fetched_at = self._clock.now().timestamp()
        if self._session is None:
            self._session = aiohttp.ClientSession(timeout=self._timeout)
        try:
            async with self._session.get(self.url) as response:
                response.raise_for_status()
                document = await response.json(content_type=None)
            self._keys = KeySet.import_key_set(
                {"keys": [k for k in document.get("keys", []) if k.get("kty") in ("RSA", "EC")]}
            )
        except (aiohttp.ClientError, TimeoutError, ValueError, JoseError, AttributeError) as error:
            log.warning("JWKS fetch failed", extra={"url": self.url, "error": str(error)})
            raise Unavailable("the token signing keys cannot be fetched right now") from None

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None
