"""Supabase tokens name their user; a token that is forged, stale or malformed is refused."""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from adapters.outbound.supabase.token_verifier import SupabaseTokenVerifier
from core.domain.errors import Unauthenticated
from tests.support.tokens import SECRET, SUPABASE_URL, FakeClock, b64, claims, hs256, sign, unsigned
from tests.unit.supabase.conftest import RSA, rejects


async def test_a_supabase_hs256_token_names_its_user(
    verifier: SupabaseTokenVerifier, clock: FakeClock
) -> None:
    payload = claims(clock)

    principal = await verifier.verify(hs256(payload))

    assert str(principal.user_id) == payload["sub"]
    assert principal.email == "ada@example.com"
    assert principal.role == "authenticated"


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
