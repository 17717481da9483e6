"""Keys, JWKS documents and tokens for the verifier tests."""

from __future__ import annotations

import base64
import json
import time
import uuid
from datetime import UTC, datetime
from typing import Any

from joserfc import jwt
from joserfc.jwk import ECKey, OctKey, RSAKey

SECRET = "super-secret-jwt-token-with-at-least-32-characters-long"
SUPABASE_URL = "https://project.supabase.co"
ISSUER = f"{SUPABASE_URL}/auth/v1"


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self, at: float | None = None) -> None:
        self.at = time.time() if at is None else at

    def now(self) -> datetime:
        return datetime.fromtimestamp(self.at, UTC)

    def advance(self, seconds: float) -> None:
        self.at += seconds


def claims(clock: FakeClock, **overrides: Any) -> dict[str, Any]:
    now = int(clock.at)
    base = {
        "sub": str(uuid.uuid4()),
        "aud": "authenticated",
        "role": "authenticated",
        "email": "ada@example.com",
        "iss": ISSUER,
        "iat": now,
        "exp": now + 3600,
    }
    base.update(overrides)
    return {k: v for k, v in base.items() if v is not None}


def sign(payload: dict[str, Any], key: Any, alg: str, kid: str | None = None) -> str:
    header = {"alg": alg, "typ": "JWT", **({"kid": kid} if kid else {})}
    return jwt.encode(header, payload, key, algorithms=[alg])


def hs256(payload: dict[str, Any], secret: str = SECRET) -> str:
    return sign(payload, OctKey.import_key(secret), "HS256")


def rsa_key(kid: str) -> RSAKey:
    return RSAKey.generate_key(2048, parameters={"kid": kid, "alg": "RS256", "use": "sig"})


def ec_key(kid: str) -> ECKey:
    return ECKey.generate_key("P-256", parameters={"kid": kid, "alg": "ES256", "use": "sig"})


def public_jwks(*keys: RSAKey | ECKey) -> dict[str, Any]:
    return {"keys": [key.as_dict(private=False) for key in keys]}


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def unsigned(payload: dict[str, Any], alg: str = "none") -> str:
    header = b64(json.dumps({"alg": alg, "typ": "JWT"}).encode())
    return f"{header}.{b64(json.dumps(payload).encode())}."
