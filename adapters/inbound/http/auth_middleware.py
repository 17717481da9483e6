"""Bearer authentication for every /api/v1 route but health, CORS preflights and redirects."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from aiohttp import web
from aiohttp.typedefs import Middleware

from adapters.inbound.http.error_middleware import Handler
from adapters.inbound.http.request_context import PRINCIPAL
from core.domain.errors import NoCredentials
from core.domain.users import Principal
from core.use_cases.users.authenticate import AuthenticateCommand

Authenticator = Callable[[AuthenticateCommand], Awaitable[Principal]]
PROTECTED_PREFIX = "/api/v1/"
PUBLIC_PREFIXES = ("/api/v1/health",)
_PUBLIC_MARK = "_needs_no_token"
H = TypeVar("H", bound=Callable[..., Any])


def public(handler: H) -> H:
    """Marks a route handler that answers without a token (it must reveal no user data)."""
    setattr(handler, _PUBLIC_MARK, True)
    return handler


def _is_public(request: web.Request) -> bool:
    path = request.path
    if not path.startswith(PROTECTED_PREFIX) or path.startswith(PUBLIC_PREFIXES):
        return True
    # Browsers send CORS preflights without credentials, whatever the page does; the only
    # OPTIONS handlers are aiohttp-cors' preflight answers, which hold no data.
    if request.method == "OPTIONS":
        return True
    return bool(getattr(request.match_info.handler, _PUBLIC_MARK, False))


def auth_middleware(authenticate: Callable[[], Authenticator]) -> Middleware:
    """`authenticate` gives the Authenticate use case (a provider, so overrides apply)."""

    @web.middleware
    async def middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
        if _is_public(request):
            return await handler(request)
        token = _bearer_token(request.headers.get("Authorization"))
        if token is None:
            raise NoCredentials(
                "Send 'Authorization: Bearer <token>' with a Supabase access token."
            )
        request[PRINCIPAL] = await authenticate()(AuthenticateCommand(token))
        return await handler(request)

    return middleware


def _bearer_token(header: str | None) -> str | None:
    if not header:
        return None
    scheme, _, token = header.strip().partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        return None
    return token


def principal_of(request: web.Request) -> Principal:
    return request[PRINCIPAL]
