from __future__ import annotations

from pathlib import Path

import pytest

from bootstrap.dev_auth import development_secret
from bootstrap.runtime import resolve_jwt_secret
from bootstrap.settings import Settings, SettingsError


def settings(env: dict[str, str], env_file: Path | None = None) -> Settings:
    return Settings.from_env(env, env_file=env_file)


def test_the_defaults_are_the_embedded_ones() -> None:
    loaded = settings({})

    assert loaded.environment == "development"
    assert loaded.database_url is None
    assert loaded.minio_bucket == "dukascopy-node"
    assert (loaded.host, loaded.port) == ("0.0.0.0", 8000)
    assert loaded.data_dir == Path(__file__).resolve().parents[2] / ".data"
    assert (loaded.max_active_runs, loaded.run_workers, loaded.run_heartbeat_seconds) == (3, 1, 30)
    assert (loaded.db_pool_min, loaded.db_pool_max) == (1, 5)
    assert (loaded.log_level, loaded.log_format) == ("INFO", "json")
    assert (loaded.duckdb_threads, loaded.duckdb_concurrent_queries) == (None, 2)
    assert loaded.run_wait_max_seconds == 30


def test_data_dir_is_the_same_folder_whatever_the_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    here = settings({}).data_dir
    monkeypatch.chdir(tmp_path)

    elsewhere = settings({}).data_dir
    relative = settings({"DATA_DIR": "state"}).data_dir

    assert elsewhere == here
    assert relative == tmp_path.resolve() / "state"


def test_the_fastapi_variable_names_are_read() -> None:
    loaded = settings(
        {
            "DATABASE_URL": "postgresql://u:p@db:5432/app",
            "SUPABASE_URL": "https://abc.supabase.co/",
            "SUPABASE_JWT_SECRET": "s3cret",
            "MINIO_ENDPOINT": "minio:9000",
            "MINIO_ACCESS_KEY": "ak",
            "MINIO_SECRET_KEY": "sk",
            "MINIO_SECURE": "true",
            "MINIO_BUCKET": "bars",
            "LOG_LEVEL": "debug",
            "LOG_FORMAT": "text",
            "ENVIRONMENT": "production",
            "DB_POOL_MIN": "2",
            "DB_POOL_MAX": "9",
        }
    )

    assert loaded.database_url == "postgresql://u:p@db:5432/app"
    assert loaded.supabase_url == "https://abc.supabase.co"
    assert loaded.minio_secure is True
    assert loaded.minio_bucket == "bars"
    assert (loaded.log_level, loaded.log_format) == ("DEBUG", "text")
    assert (loaded.db_pool_min, loaded.db_pool_max) == (2, 9)
    assert "s3cret" not in repr(loaded)


def test_the_environment_wins_over_the_env_file(tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text("PORT=9000\nLOG_FORMAT=text\n")

    loaded = settings({"PORT": "9100"}, env_file)

    assert (loaded.port, loaded.log_format) == (9100, "text")


@pytest.mark.parametrize(
    ("env", "names"),
    [
        ({"PORT": "http"}, "PORT"),
        ({"PORT": "70000"}, "PORT"),
        ({"MINIO_SECURE": "maybe"}, "MINIO_SECURE"),
        ({"LOG_FORMAT": "xml"}, "LOG_FORMAT"),
        ({"ENVIRONMENT": "prod"}, "ENVIRONMENT"),
        ({"DB_POOL_MIN": "6"}, "DB_POOL_MIN"),
        ({"CORS_ORIGINS": "localhost:3000"}, "CORS_ORIGINS"),
        ({"CORS_ORIGINS": "https://app.example.com/app"}, "CORS_ORIGINS"),
        ({"CORS_ORIGINS": "*,https://app.example.com"}, "CORS_ORIGINS"),
        ({"DUCKDB_THREADS": "0"}, "DUCKDB_THREADS must be between 1 and 64"),
        ({"DUCKDB_THREADS": "all"}, "DUCKDB_THREADS must be a whole number"),
        ({"DUCKDB_CONCURRENT_QUERIES": "0"}, "DUCKDB_CONCURRENT_QUERIES must be between 1"),
        ({"DUCKDB_CONCURRENT_QUERIES": "1000"}, "DUCKDB_CONCURRENT_QUERIES must be between"),
        ({"DUCKDB_CONCURRENT_QUERIES": "two"}, "DUCKDB_CONCURRENT_QUERIES must be a whole"),
        ({"RUN_WAIT_MAX_SECONDS": "601"}, "RUN_WAIT_MAX_SECONDS must be between 0 and 600"),
        ({"RUN_WAIT_MAX_SECONDS": "-1"}, "RUN_WAIT_MAX_SECONDS must be between"),
    ],
)
def test_a_malformed_setting_is_named_in_the_error(env: dict[str, str], names: str) -> None:
    with pytest.raises(SettingsError, match=names):
        settings(env)


def test_duckdb_threads_and_queries_at_once_are_read_apart() -> None:
    loaded = settings({"DUCKDB_THREADS": "4", "DUCKDB_CONCURRENT_QUERIES": "3"})
    unset = settings({"DUCKDB_THREADS": "", "OHLCV_CONCURRENCY": "8"})

    assert (loaded.duckdb_threads, loaded.duckdb_concurrent_queries) == (4, 3)
    assert (unset.duckdb_threads, unset.duckdb_concurrent_queries) == (None, 2)


def test_production_refuses_to_start_without_real_auth_or_database() -> None:
    loaded = settings({"ENVIRONMENT": "production"})

    with pytest.raises(SettingsError, match="SUPABASE_JWT_SECRET or SUPABASE_URL"):
        loaded.check_production_ready()
    with pytest.raises(SettingsError, match="DATABASE_URL"):
        resolve_jwt_secret(loaded)


def test_cors_origins_are_read_as_browsers_send_them() -> None:
    loaded = settings(
        {
            "CORS_ORIGINS": " http://localhost:3000, HTTPS://App.Example.com:443/,http://localhost:3000"
        }
    )

    assert loaded.cors_origins == ("http://localhost:3000", "https://app.example.com")
    assert settings({}).cors_origins == ()


def test_any_origin_is_allowed_outside_production_only() -> None:
    assert settings({"CORS_ORIGINS": "*"}).cors_origins == ("*",)
    assert settings({"CORS_ORIGINS": "*", "ENVIRONMENT": "staging"}).cors_origins == ("*",)
    with pytest.raises(
        SettingsError, match=r"CORS_ORIGINS=\* is refused when ENVIRONMENT=production"
    ):
        settings({"CORS_ORIGINS": "*", "ENVIRONMENT": "production"})


def test_development_makes_one_secret_and_keeps_it(tmp_path: Path) -> None:
    loaded = settings({"DATA_DIR": str(tmp_path)})

    first, is_dev = resolve_jwt_secret(loaded)
    again, _ = resolve_jwt_secret(loaded)

    assert is_dev
    assert first == again
    assert len(first) >= 32


def test_a_configured_secret_is_used_as_is(tmp_path: Path) -> None:
    loaded = settings({"SUPABASE_JWT_SECRET": "given", "DATA_DIR": str(tmp_path)})

    assert resolve_jwt_secret(loaded) == ("given", False)
    assert not (tmp_path / "dev-jwt-secret").exists()


def test_the_development_secret_is_not_world_readable(tmp_path: Path) -> None:
    development_secret(tmp_path)

    assert oct((tmp_path / "dev-jwt-secret").stat().st_mode & 0o777) == "0o600"


def test_every_variable_read_is_documented_in_env_example_and_readme() -> None:
    import re

    root = Path(__file__).resolve().parents[2]
    read = set(re.findall(r'get\("([A-Z_]+)"\)', (root / "bootstrap/settings.py").read_text()))
    example = set(re.findall(r"^([A-Z_]+)=", (root / ".env.example").read_text(), re.M))
    readme = (root / "README.md").read_text()

    assert read == example
    assert [name for name in sorted(read) if f"`{name}`" not in readme] == []
