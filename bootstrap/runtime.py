"""Resolves the embedded defaults: a local Postgres and a development JWT secret."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from bootstrap.dev_auth import development_secret
from bootstrap.settings import Settings

log = logging.getLogger("backtest.runtime")


@dataclass(frozen=True)
class Runtime:
    settings: Settings
    database_url: str
    jwt_secret: str | None
    embedded_database: bool
    development_auth: bool


def resolve_database_url(settings: Settings) -> tuple[str, bool]:
    """DATABASE_URL, or an embedded server whose data lives under DATA_DIR/postgres."""
    if settings.database_url:
        return settings.database_url, False
    from adapters.outbound.postgres.embedded import start_embedded_postgres

    url = start_embedded_postgres(settings.data_dir.resolve() / "postgres")
    log.info("started embedded PostgreSQL", extra={"data_dir": str(settings.data_dir)})
    return url, True


def resolve_jwt_secret(settings: Settings) -> tuple[str | None, bool]:
    """SUPABASE_JWT_SECRET, or (outside production, without any auth settings) a dev secret."""
    if settings.has_real_auth:
        return settings.supabase_jwt_secret, False
    if settings.is_production:
        settings.check_production_ready()
    return development_secret(settings.data_dir), True


def prepare(settings: Settings) -> Runtime:
    if settings.is_production:
        settings.check_production_ready()
    database_url, embedded = resolve_database_url(settings)
    jwt_secret, dev_auth = resolve_jwt_secret(settings)
    return Runtime(settings, database_url, jwt_secret, embedded, dev_auth)
