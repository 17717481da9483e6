from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiohttp import web
from hypothesis import given
from hypothesis import strategies as st

from adapters.outbound.supabase.jwks import JwksCache
from adapters.outbound.supabase.token_verifier import SupabaseTokenVerifier
from core.domain.errors import Unauthenticated, Unavailable
from tests.support.tokens import (
    SECRET,
    SUPABASE_URL,
    FakeClock,
    b64,
    claims,
    ec_key,
    hs256,
    public_jwks,
    rsa_key,
    sign,
    unsigned,
)

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


async def test_a_supabase_hs256_token_names_its_user(
    verifier: SupabaseTokenVerifier, clock: FakeClock
) -> None:
    payload = claims(clock)

    principal = await verifier.verify(hs256(payload))

    assert str(principal.user_id) == payload["sub"]
    assert principal.email == "ada@example.com"
    assert principal.role == "authenticated"


@pytest.mark.parametrize(("key", "alg", "kid"), [(RSA, "RS256", "rsa-1"), (EC, "ES256", "ec-1")])
async def test_an_asymmetric_token_is_checked_against_the_jwks(
    verifier: SupabaseTokenVerifier, clock: FakeClock, key: Any, alg: str, kid: str
) -> None:
    payload = claims(clock)

    principal = await verifier.verify(sign(payload, key, alg, kid))

    assert str(principal.user_id) == payload["sub"]


async def test_the_jwks_is_fetched_once_and_cached(
    verifier: SupabaseTokenVerifier, jwks_server: tuple[JwksServer, str], clock: FakeClock
) -> None:
    server, _ = jwks_server

    for _ in range(3):
        await verifier.verify(sign(claims(clock), RSA, "RS256", "rsa-1"))

    assert server.fetches == 1


async def test_a_new_kid_refreshes_the_jwks_but_not_more_than_once_in_a_while(
    verifier: SupabaseTokenVerifier, jwks_server: tuple[JwksServer, str], clock: FakeClock
) -> None:
    server, _ = jwks_server
    await verifier.verify(sign(claims(clock), RSA, "RS256", "rsa-1"))
    rotated = rsa_key("rsa-2")
    server.document = public_jwks(RSA, EC, rotated)
    clock.advance(10)

    await verifier.verify(sign(claims(clock), rotated, "RS256", "rsa-2"))
    unknown = rsa_key("rsa-3")
    for _ in range(5):
        await rejects(verifier, sign(claims(clock), unknown, "RS256", "rsa-3"), "unknown key")

    assert server.fetches == 2
    clock.advance(6)
    await rejects(verifier, sign(claims(clock), unknown, "RS256", "rsa-3"), "unknown key")
    assert server.fetches == 3


async def test_an_unreachable_jwks_is_unavailable_not_a_pass(
    verifier: SupabaseTokenVerifier, jwks_server: tuple[JwksServer, str], clock: FakeClock
) -> None:
    server, _ = jwks_server
    server.status = 500

    with pytest.raises(Unavailable):
        await verifier.verify(sign(claims(clock), RSA, "RS256", "rsa-1"))


async def test_alg_none_is_refused(verifier: SupabaseTokenVerifier, clock: FakeClock) -> None:
    await rejects(verifier, unsigned(claims(clock)), "unsupported")


async def test_an_hs256_token_signed_with_the_public_key_is_refused(
    verifier: SupabaseTokenVerifier, clock: FakeClock
) -> None:
    """Algorithm confusion: the attacker HMACs with the RSA public key as the secret."""
    public_pem = RSA.as_pem(private=False)
    header = b64(json.dumps({"alg": "HS256", "typ": "JWT", "kid": "rsa-1"}).encode())
    body = b64(json.dumps(claims(clock)).encode())
    mac = hmac.new(public_pem, f"{header}.{body}".encode(), hashlib.sha256).digest()

    await rejects(verifier, f"{header}.{body}.{b64(mac)}", "invalid signature")


async def test_an_rs256_header_on_an_hmac_signature_is_refused(
    verifier: SupabaseTokenVerifier, clock: FakeClock
) -> None:
    token = hs256(claims(clock))
    header = b64(json.dumps({"alg": "RS256", "typ": "JWT", "kid": "rsa-1"}).encode())
    forged = ".".join([header, *token.split(".")[1:]])

    await rejects(verifier, forged, "invalid signature|malformed")


@pytest.mark.parametrize(
    ("overrides", "reason"),
    [
        ({"exp": 1}, "expired"),
        ({"exp": None}, "exp"),
        ({"nbf": 4_000_000_000}, "not yet valid"),
        ({"aud": "anon"}, "aud"),
        ({"aud": None}, "aud"),
        ({"iss": "https://evil.example/auth/v1"}, "iss"),
        ({"sub": None}, "sub"),
        ({"sub": "not-a-uuid"}, "subject"),
        ({"role": "anon"}, "signed-in user"),
        ({"role": "service_role"}, "signed-in user"),
    ],
)
async def test_claims_that_do_not_fit_are_refused(
    verifier: SupabaseTokenVerifier, clock: FakeClock, overrides: dict[str, Any], reason: str
) -> None:
    await rejects(verifier, hs256(claims(clock, **overrides)), reason)


async def test_a_little_clock_skew_is_tolerated(
    verifier: SupabaseTokenVerifier, clock: FakeClock
) -> None:
    payload = claims(clock, exp=int(clock.at) - 10, nbf=int(clock.at) + 10)

    assert await verifier.verify(hs256(payload))


async def test_a_wrong_secret_is_refused(verifier: SupabaseTokenVerifier, clock: FakeClock) -> None:
    await rejects(verifier, hs256(claims(clock), "x" * 40), "invalid signature")


async def test_a_tampered_payload_is_refused(
    verifier: SupabaseTokenVerifier, clock: FakeClock
) -> None:
    header, _, signature = hs256(claims(clock)).split(".")
    body = b64(json.dumps(claims(clock, sub="00000000-0000-0000-0000-000000000001")).encode())

    await rejects(verifier, f"{header}.{body}.{signature}", "invalid signature")


async def test_without_a_secret_hs256_tokens_are_refused(clock: FakeClock) -> None:
    verifier = SupabaseTokenVerifier(None, None, None, clock)

    await rejects(verifier, hs256(claims(clock, iss=None)), "not accepted")


async def test_without_supabase_url_asymmetric_tokens_are_refused(clock: FakeClock) -> None:
    verifier = SupabaseTokenVerifier(SECRET, None, None, clock)

    await rejects(verifier, sign(claims(clock), RSA, "RS256", "rsa-1"), "SUPABASE_URL")


async def test_without_supabase_url_the_issuer_is_not_checked(clock: FakeClock) -> None:
    verifier = SupabaseTokenVerifier(SECRET, None, None, clock)

    token_claims = claims(clock, iss="anything")

    principal = await verifier.verify(hs256(token_claims))

    assert str(principal.user_id) == token_claims["sub"]


@pytest.mark.parametrize(
    "token", ["", "abc", "a.b", "a.b.c.d", "!!!.???.###", f"{b64(b'[1]')}.e30.sig", "e30.e30.x"]
)
async def test_malformed_tokens_are_refused(verifier: SupabaseTokenVerifier, token: str) -> None:
    with pytest.raises(Unauthenticated):
        await verifier.verify(token)


@given(st.text(max_size=200))
async def test_garbage_never_verifies_and_fails_only_as_unauthenticated(token: str) -> None:
    verifier = SupabaseTokenVerifier(SECRET, SUPABASE_URL, None, FakeClock())

    with pytest.raises(Unauthenticated):
        await verifier.verify(token)
