"""Chooses the market-data root from the settings: S3/MinIO when MINIO_ENDPOINT is set."""

from __future__ import annotations

from collections.abc import AsyncIterator

from adapters.outbound.duckdb.engine import DuckDbEngine
from adapters.outbound.duckdb.roots import LocalRoot, Root, S3Root, S3Settings
from bootstrap.settings import Settings


def market_data_root(settings: Settings) -> Root:
    if settings.uses_s3:
        return S3Root(
            S3Settings(
                endpoint=settings.minio_endpoint or "",
                access_key=settings.minio_access_key,
                secret_key=settings.minio_secret_key,
                secure=settings.minio_secure,
                bucket=settings.minio_bucket,
            )
        )
    return LocalRoot(settings.market_data_dir.resolve())


async def closed_on_exit(root: Root, engine: DuckDbEngine) -> AsyncIterator[None]:
    try:
        yield None
    finally:
        await root.close()
        await engine.close()
