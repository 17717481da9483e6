"""A SupabaseTokenVerifier over a JWKS served on 127.0.0.1 that the test can change."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiohttp import web

from adapters.outbound.supabase.jwks import JwksCache
from adapters.outbound.supabase.token_verifier import SupabaseTokenVerifier
from core.domain.errors import Unauthenticated
from tests.support.tokens import SECRET, SUPABASE_URL, FakeClock, ec_key, public_jwks, rsa_key

RSA = rsa_key("rsa-1")
EC = ec_key("ec-1")


class JwksServer:
    """A real HTTP server on 127.0.0.1 serving a JWKS the test can change, counting fetches."""

    def __init__(self) -> None:
        self.document: dict[str, Any] = public_jwks(RSA, EC)
        self.fetches = 0
        self.status = 200

    async def handle(self, request: web.Request) -> web.Response:
        self.fetches += 1
        if self.status != 200:
            return web.Response(status=self.status)
        return web.json_response(self.document)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
async def jwks_server(aiohttp_server: Any) -> tuple[JwksServer, str]:
    state = JwksServer()
    app = web.Application()
    app.router.add_get("/auth/v1/.well-known/jwks.json", state.handle)
    server = await aiohttp_server(app)
    return state, str(server.make_url("")).rstrip("/")


@pytest.fixture
async def verifier(
    jwks_server: tuple[JwksServer, str], clock: FakeClock
) -> AsyncIterator[SupabaseTokenVerifier]:
    _, base_url = jwks_server
    jwks = JwksCache.for_supabase(base_url, clock)
    # The issuer is the project URL; the JWKS is fetched from the local stand-in.
    yield SupabaseTokenVerifier(SECRET, SUPABASE_URL, jwks, clock)
    await jwks.close()


async def rejects(verifier: SupabaseTokenVerifier, token: str, reason: str) -> None:
    with pytest.raises(Unauthenticated, match=reason):
        await verifier.verify(token)
