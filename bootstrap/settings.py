"""Settings from the environment (and .env), under the names the FastAPI version used."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from dotenv import dotenv_values

from adapters.inbound.http.origins import ANY_ORIGIN
from bootstrap.setting_values import REPO_ROOT as REPO_ROOT
from bootstrap.setting_values import SettingsError, data_dir_from, default_migrations_dir
from bootstrap.setting_values import parse_bool as _bool
from bootstrap.setting_values import parse_choice as _choice
from bootstrap.setting_values import parse_int as _int
from bootstrap.setting_values import parse_optional_int as _optional_int
from bootstrap.setting_values import parse_origins as _origins

ENVIRONMENTS = ("development", "test", "staging", "production")
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


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
    db_statement_timeout_ms: int = 30_000
    db_acquire_timeout_seconds: int = 5
    host: str = "0.0.0.0"
    port: int = 8000
    data_dir: Path = field(default_factory=lambda: data_dir_from(None))
    max_body_bytes: int = 5 * 1024 * 1024
    body_timeout_seconds: int = 30
    ohlcv_cache_bytes: int = 256 * 1024 * 1024
    ohlcv_live_ttl_seconds: int = 60
    ohlcv_max_candles: int = 50_000
    symbols_cache_ttl_seconds: int = 30
    duckdb_threads: int | None = None  # unset: DuckDB's default, one per core
    # Gated requests (OHLCV_CONCURRENCY) beyond this wait for a query slot: a bounded wait.
    duckdb_concurrent_queries: int = 2
    ohlcv_concurrency: int = 4
    ohlcv_queue: int = 16
    ohlcv_queue_seconds: int = 5
    ohlcv_deadline_seconds: int = 30
    minio_timeout_seconds: int = 5
    minio_attempts: int = 2
    cors_origins: tuple[str, ...] = ()
    max_active_runs: int = 3
    run_workers: int = 1
    run_heartbeat_seconds: int = 30
    run_wait_max_seconds: int = 30
    migrations_dir: Path = field(default_factory=default_migrations_dir)

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
            db_statement_timeout_ms=_int(
                "DB_STATEMENT_TIMEOUT_MS", get("DB_STATEMENT_TIMEOUT_MS") or "30000", 100, 3_600_000
            ),
            db_acquire_timeout_seconds=_int(
                "DB_ACQUIRE_TIMEOUT_SECONDS", get("DB_ACQUIRE_TIMEOUT_SECONDS") or "5", 1, 600
            ),
            host=get("HOST") or defaults.host,
            port=_int("PORT", get("PORT") or "8000", 1, 65535),
            data_dir=data_dir_from(get("DATA_DIR")),
            max_body_bytes=_int(
                "MAX_BODY_BYTES", get("MAX_BODY_BYTES") or str(defaults.max_body_bytes), 1024, 2**30
            ),
            body_timeout_seconds=_int(
                "BODY_TIMEOUT_SECONDS", get("BODY_TIMEOUT_SECONDS") or "30", 1, 3600
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
            duckdb_threads=_optional_int("DUCKDB_THREADS", get("DUCKDB_THREADS"), 1, 64),
            duckdb_concurrent_queries=_int(
                "DUCKDB_CONCURRENT_QUERIES", get("DUCKDB_CONCURRENT_QUERIES") or "2", 1, 256
            ),
            ohlcv_concurrency=_int("OHLCV_CONCURRENCY", get("OHLCV_CONCURRENCY") or "4", 1, 256),
            ohlcv_queue=_int("OHLCV_QUEUE", get("OHLCV_QUEUE") or "16", 0, 10_000),
            ohlcv_queue_seconds=_int(
                "OHLCV_QUEUE_SECONDS", get("OHLCV_QUEUE_SECONDS") or "5", 0, 600
            ),
            ohlcv_deadline_seconds=_int(
                "OHLCV_DEADLINE_SECONDS", get("OHLCV_DEADLINE_SECONDS") or "30", 1, 3600
            ),
            minio_timeout_seconds=_int(
                "MINIO_TIMEOUT_SECONDS", get("MINIO_TIMEOUT_SECONDS") or "5", 1, 600
            ),
            minio_attempts=_int("MINIO_ATTEMPTS", get("MINIO_ATTEMPTS") or "2", 1, 10),
            cors_origins=_origins("CORS_ORIGINS", get("CORS_ORIGINS") or ""),
            max_active_runs=_int("MAX_ACTIVE_RUNS", get("MAX_ACTIVE_RUNS") or "3", 1, 1000),
            run_workers=_int("RUN_WORKERS", get("RUN_WORKERS") or "1", 0, 64),
            run_heartbeat_seconds=_int(
                "RUN_HEARTBEAT_SECONDS", get("RUN_HEARTBEAT_SECONDS") or "30", 2, 3600
            ),
            run_wait_max_seconds=_int(
                "RUN_WAIT_MAX_SECONDS", get("RUN_WAIT_MAX_SECONDS") or "30", 0, 600
            ),
        )
        if settings.db_pool_min > settings.db_pool_max:
            raise SettingsError("DB_POOL_MIN must not be greater than DB_POOL_MAX")
        if settings.is_production and ANY_ORIGIN in settings.cors_origins:
            raise SettingsError(
                "CORS_ORIGINS=* is refused when ENVIRONMENT=production: "
                "list the frontend's origins, e.g. https://app.example.com"
            )
        return settings
