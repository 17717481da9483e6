"""Authentication: Supabase tokens (HS256 secret, or RS256/ES256 through the project's JWKS)."""

from __future__ import annotations

from collections.abc import AsyncIterator

from dependency_injector import containers, providers

from adapters.outbound.supabase.jwks import JwksCache
from adapters.outbound.supabase.token_verifier import SupabaseTokenVerifier
from bootstrap.settings import Settings
from core.ports.clock import Clock
from core.ports.unit_of_work import UnitOfWork
from core.use_cases.users.authenticate import Authenticate, RecentlySeen


async def _closed_on_exit(resource: JwksCache | None) -> AsyncIterator[None]:
    try:
        yield None
    finally:
        if resource is not None:
            await resource.close()


def _jwks(supabase_url: str | None, clock: Clock) -> JwksCache | None:
    return JwksCache.for_supabase(supabase_url, clock=clock) if supabase_url else None


class SupabaseAuth(containers.DeclarativeContainer):
    """`authenticate` is what the auth middleware calls; `uow` records first-seen callers."""

    settings = providers.Dependency(instance_of=Settings)
    jwt_secret: providers.Dependency[str | None] = providers.Dependency()
    clock: providers.Dependency[Clock] = providers.Dependency()
    uow: providers.Dependency[UnitOfWork] = providers.Dependency()

    jwks = providers.Singleton(_jwks, settings.provided.supabase_url, clock)
    jwks_lifecycle = providers.Resource(_closed_on_exit, jwks)
    token_verifier = providers.Singleton(
        SupabaseTokenVerifier,
        jwt_secret=jwt_secret,
        supabase_url=settings.provided.supabase_url,
        jwks=jwks,
        clock=clock,
    )
    recently_seen = providers.Singleton(RecentlySeen)
    authenticate = providers.Factory(
        Authenticate, verifier=token_verifier, uow=uow.provider, clock=clock, seen=recently_seen
    )
