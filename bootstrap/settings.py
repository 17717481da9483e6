"""Settings from the environment (and .env), under the names the FastAPI version used."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from dotenv import dotenv_values

REPO_ROOT = Path(__file__).resolve().parents[1]
ENVIRONMENTS = ("development", "test", "staging", "production")
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


class SettingsError(ValueError):
    """A setting is missing or malformed; the message names the variable."""


def _bool(name: str, raw: str) -> bool:
    lowered = raw.strip().lower()
    if lowered in ("1", "true", "yes", "on"):
        return True
    if lowered in ("0", "false", "no", "off", ""):
        return False
    raise SettingsError(f"{name} must be true or false, not {raw!r}")


def _int(name: str, raw: str, minimum: int, maximum: int) -> int:
    try:
        value = int(raw)
    except ValueError:
        raise SettingsError(f"{name} must be a whole number, not {raw!r}") from None
    if not minimum <= value <= maximum:
        raise SettingsError(f"{name} must be between {minimum} and {maximum}, not {value}")
    return value


def _choice(name: str, raw: str, choices: tuple[str, ...]) -> str:
    if raw not in choices:
        raise SettingsError(f"{name} must be one of {', '.join(choices)}, not {raw!r}")
    return raw


def _default_migrations_dir() -> Path:
    bundled = REPO_ROOT / "migrations"
    return bundled if bundled.is_dir() else Path.cwd() / "migrations"


@dataclass(frozen=True)
class Settings:
    environment: str = "development"
    database_url: str | None = None
    supabase_url: str | None = None
    supabase_jwt_secret: str | None = field(default=None, repr=False)
    minio_endpoint: str | None = None
    minio_access_key: str | None = None
    minio_secret_key: str | None = field(default=None, repr=False)
    minio_secure: bool = False
    minio_bucket: str = "dukascopy-node"
    log_level: str = "INFO"
    log_format: str = "json"
    db_pool_min: int = 1
    db_pool_max: int = 5
    host: str = "0.0.0.0"
    port: int = 8000
    data_dir: Path = Path(".data")
    max_body_bytes: int = 5 * 1024 * 1024
    ohlcv_cache_bytes: int = 256 * 1024 * 1024
    ohlcv_live_ttl_seconds: int = 60
    ohlcv_max_candles: int = 50_000
    symbols_cache_ttl_seconds: int = 30
    duckdb_threads: int = 4
    migrations_dir: Path = field(default_factory=_default_migrations_dir)

    @property
    def market_data_dir(self) -> Path:
        return self.data_dir / "marketdata"

    @property
    def uses_s3(self) -> bool:
        return bool(self.minio_endpoint)

    @property
    def is_production(self) -> bool:
        return self.environment == "production"

    @property
    def applies_migrations_on_start(self) -> bool:
        return self.environment in ("development", "test")

    @property
    def has_real_auth(self) -> bool:
        return bool(self.supabase_jwt_secret or self.supabase_url)

    def check_production_ready(self) -> None:
        """Production refuses the embedded defaults: they are for a laptop, not a service."""
        missing = []
        if not self.has_real_auth:
            missing.append("SUPABASE_JWT_SECRET or SUPABASE_URL")
        if not self.database_url:
            missing.append("DATABASE_URL")
        if missing:
            raise SettingsError(
                "ENVIRONMENT=production needs real settings; set " + " and ".join(missing)
            )

    @classmethod
    def from_env(
        cls, environ: Mapping[str, str] | None = None, env_file: Path | None = Path(".env")
    ) -> Settings:
        """Reads the process environment over the .env file (the environment wins)."""
        values: dict[str, str] = {}
        if env_file is not None and env_file.is_file():
            values.update({k: v for k, v in dotenv_values(env_file).items() if v is not None})
        values.update(os.environ if environ is None else environ)

        def get(name: str) -> str | None:
            raw = values.get(name)
            return raw.strip() if raw is not None and raw.strip() else None

        defaults = cls()
        settings = cls(
            environment=_choice(
                "ENVIRONMENT", (get("ENVIRONMENT") or defaults.environment).lower(), ENVIRONMENTS
            ),
            database_url=get("DATABASE_URL"),
            supabase_url=(get("SUPABASE_URL") or "").rstrip("/") or None,
            supabase_jwt_secret=get("SUPABASE_JWT_SECRET"),
            minio_endpoint=get("MINIO_ENDPOINT"),
            minio_access_key=get("MINIO_ACCESS_KEY"),
            minio_secret_key=get("MINIO_SECRET_KEY"),
            minio_secure=_bool("MINIO_SECURE", get("MINIO_SECURE") or "false"),
            minio_bucket=get("MINIO_BUCKET") or defaults.minio_bucket,
            log_level=_choice(
                "LOG_LEVEL", (get("LOG_LEVEL") or defaults.log_level).upper(), LOG_LEVELS
            ),
            log_format=_choice(
                "LOG_FORMAT", (get("LOG_FORMAT") or defaults.log_format).lower(), ("json", "text")
            ),
            db_pool_min=_int("DB_POOL_MIN", get("DB_POOL_MIN") or "1", 0, 100),
            db_pool_max=_int("DB_POOL_MAX", get("DB_POOL_MAX") or "5", 1, 100),
            host=get("HOST") or defaults.host,
            port=_int("PORT", get("PORT") or "8000", 1, 65535),
            data_dir=Path(get("DATA_DIR") or defaults.data_dir),
            max_body_bytes=_int(
                "MAX_BODY_BYTES", get("MAX_BODY_BYTES") or str(defaults.max_body_bytes), 1024, 2**30
            ),
            migrations_dir=Path(get("MIGRATIONS_DIR") or defaults.migrations_dir),
            ohlcv_cache_bytes=_int(
                "OHLCV_CACHE_BYTES",
                get("OHLCV_CACHE_BYTES") or str(defaults.ohlcv_cache_bytes),
                0,
                2**40,
            ),
            ohlcv_live_ttl_seconds=_int(
                "OHLCV_LIVE_TTL_SECONDS", get("OHLCV_LIVE_TTL_SECONDS") or "60", 0, 86400
            ),
            ohlcv_max_candles=_int(
                "OHLCV_MAX_CANDLES", get("OHLCV_MAX_CANDLES") or "50000", 1, 10_000_000
            ),
            symbols_cache_ttl_seconds=_int(
                "SYMBOLS_CACHE_TTL_SECONDS", get("SYMBOLS_CACHE_TTL_SECONDS") or "30", 0, 86400
            ),
            duckdb_threads=_int("DUCKDB_THREADS", get("DUCKDB_THREADS") or "4", 1, 64),
        )
        if settings.db_pool_min > settings.db_pool_max:
            raise SettingsError("DB_POOL_MIN must not be greater than DB_POOL_MAX")
        return settings
