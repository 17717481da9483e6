"""Mints HS256 tokens shaped like Supabase's, for local development and tests."""

from __future__ import annotations

import time
import uuid
from typing import Any

from joserfc import jwt
from joserfc.jwk import OctKey


def mint_token(
    secret: str,
    sub: str,
    *,
    email: str | None = None,
    role: str = "authenticated",
    expires_in: int = 3600,
    issuer: str | None = None,
    audience: str = "authenticated",
    now: int | None = None,
    **extra: Any,
) -> str:
    issued = int(time.time()) if now is None else now
    claims: dict[str, Any] = {
        "sub": sub,
        "aud": audience,
        "role": role,
        "iat": issued,
        "exp": issued + expires_in,
        "session_id": str(uuid.uuid4()),
        **extra,
    }
    if email:
        claims["email"] = email
    if issuer:
        claims["iss"] = issuer
    return jwt.encode({"alg": "HS256", "typ": "JWT"}, claims, OctKey.import_key(secret))
