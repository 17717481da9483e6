"""SupabaseTokenVerifier: checks a Supabase access token and names the user it belongs to."""

from __future__ import annotations

import base64
import json
import uuid
from typing import Any

from joserfc import jwt
from joserfc.errors import BadSignatureError, ExpiredTokenError, JoseError
from joserfc.jwk import ECKey, OctKey, RSAKey

from adapters.outbound.supabase.jwks import JwksCache
from core.domain.errors import Unauthenticated
from core.domain.users import Principal
from core.ports.clock import Clock

AUDIENCE = "authenticated"
USER_ROLE = "authenticated"
SYMMETRIC = "HS256"
ASYMMETRIC = ("RS256", "ES256")


def unverified_header(token: str) -> dict[str, Any]:
    """Reads the header only to choose a key; nothing in it is trusted beyond that."""
    parts = token.split(".")
    if len(parts) != 3 or not all(parts[:2]):
        raise Unauthenticated("malformed token")
    try:
        raw = base64.urlsafe_b64decode(parts[0] + "=" * (-len(parts[0]) % 4))
        header = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise Unauthenticated("malformed token") from None
    if not isinstance(header, dict):
        raise Unauthenticated("malformed token")
    return header


class SupabaseTokenVerifier:
    """HS256 only ever uses the shared secret and RS256/ES256 only the JWKS keys.

    Choosing the key by algorithm family, and allowing only that one algorithm in the
    decode, is what defeats algorithm confusion (an HS256 token "signed" with a public key).
    """

    def __init__(
        self,
        jwt_secret: str | None,
        supabase_url: str | None,
        jwks: JwksCache | None,
        clock: Clock,
        leeway_seconds: int = 30,
    ) -> None:
        self._secret = OctKey.import_key(jwt_secret) if jwt_secret else None
        self._issuer = f"{supabase_url.rstrip('/')}/auth/v1" if supabase_url else None
        self._jwks = jwks
        self._clock = clock
        self._leeway = leeway_seconds

    async def verify(self, token: str) -> Principal:
        header = unverified_header(token)
        alg = header.get("alg")
        key = await self._key_for(alg, header.get("kid"))
        try:
            decoded = jwt.decode(token, key, algorithms=[alg])  # type: ignore[list-item]
        except BadSignatureError:
            raise Unauthenticated("invalid signature") from None
        except (JoseError, ValueError, TypeError):
            raise Unauthenticated("malformed token") from None
        self._check_claims(decoded.claims)
        return self._principal(decoded.claims)

    async def _key_for(self, alg: object, kid: object) -> OctKey | RSAKey | ECKey:
        if alg == SYMMETRIC:
            if self._secret is None:
                raise Unauthenticated("HS256 tokens are not accepted here")
            return self._secret
        if alg in ASYMMETRIC:
            if self._jwks is None:
                raise Unauthenticated(f"{alg} tokens need SUPABASE_URL to be configured")
            return await self._jwks.key_for(kid if isinstance(kid, str) else None, str(alg))
        raise Unauthenticated("unsupported token algorithm")

    def _check_claims(self, claims: dict[str, Any]) -> None:
        options: dict[str, Any] = {
            "exp": {"essential": True},
            "aud": {"essential": True, "value": AUDIENCE},
            "sub": {"essential": True},
        }
        if self._issuer:
            options["iss"] = {"essential": True, "value": self._issuer}
        registry = jwt.JWTClaimsRegistry(
            now=int(self._clock.now().timestamp()), leeway=self._leeway, **options
        )
        try:
            registry.validate(claims)
        except ExpiredTokenError:
            raise Unauthenticated("token expired") from None
        except JoseError as error:
            raise Unauthenticated(f"token rejected: {error.description or error.error}") from None

    @staticmethod
    def _principal(claims: dict[str, Any]) -> Principal:
        role = claims.get("role")
        if role != USER_ROLE:
            raise Unauthenticated("a signed-in user's token is required")
        try:
            user_id = uuid.UUID(str(claims["sub"]))
        except ValueError:
            raise Unauthenticated("token subject is not a user id") from None
        email = claims.get("email")
        return Principal(
            user_id=user_id,
            email=email if isinstance(email, str) and email else None,
            role=role,
            claims=claims,
        )
