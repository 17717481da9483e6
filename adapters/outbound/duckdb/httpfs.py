"""DuckDB's httpfs: loaded from its PyPI package, with the bucket's secret and timeouts."""

from __future__ import annotations

import math
from pathlib import Path

import duckdb

from adapters.outbound.market_data_storage.s3_settings import S3Settings


def httpfs_extension() -> Path:
    """DuckDB's own signed httpfs build, shipped on PyPI: nothing is downloaded at run time."""
    import duckdb_extension_httpfs

    package = Path(duckdb_extension_httpfs.__path__[0])
    return next(package.rglob("httpfs.duckdb_extension"))


def quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def load_s3(connection: duckdb.DuckDBPyConnection, settings: S3Settings) -> None:
    connection.execute(f"LOAD {quote(str(httpfs_extension()))}")
    seconds = max(1, math.ceil(settings.timeout_seconds))
    connection.execute(f"SET GLOBAL http_timeout = {seconds}")
    connection.execute(f"SET GLOBAL http_retries = {max(0, settings.attempts - 1)}")
    connection.execute("SET GLOBAL http_retry_wait_ms = 100")
    connection.execute("SET GLOBAL http_retry_backoff = 2")
    connection.execute(
        "CREATE OR REPLACE SECRET market_data (TYPE s3, "
        f"KEY_ID {quote(settings.access_key or '')}, "
        f"SECRET {quote(settings.secret_key or '')}, "
        f"ENDPOINT {quote(settings.endpoint)}, "
        f"REGION {quote(settings.region)}, "
        f"URL_STYLE 'path', USE_SSL {'true' if settings.secure else 'false'})"
    )
