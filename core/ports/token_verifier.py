"""TokenVerifier: turns a bearer token into a Principal or refuses it."""

from __future__ import annotations

from typing import Protocol

from core.domain.users import Principal


class TokenVerifier(Protocol):
    """Verifies a bearer token; raises Unauthenticated with a short reason when it is not good."""

    async def verify(self, token: str) -> Principal: ...
