"""Asymmetric tokens are checked against the project's JWKS, fetched once and refreshed rarely."""

from __future__ import annotations

from typing import Any

import pytest

from adapters.outbound.supabase.token_verifier import SupabaseTokenVerifier
from core.domain.errors import Unavailable
from tests.support.tokens import FakeClock, claims, public_jwks, rsa_key, sign
from tests.unit.supabase.conftest import EC, RSA, JwksServer, rejects


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
