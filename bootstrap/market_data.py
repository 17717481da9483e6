"""Chooses the market-data root from the settings: S3/MinIO when MINIO_ENDPOINT is set."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable

from adapters.outbound.duckdb.engine import DuckDbEngine
from adapters.outbound.market_data_storage.roots import LocalRoot, Root, S3Root, S3Settings
from adapters.outbound.market_data_storage.sinks import LocalSink, S3Sink, Sink
from bootstrap.settings import Settings


def market_data_root(
    settings: Settings, s3_timeout_seconds: float = 5.0, s3_attempts: int = 2
) -> Root:
    """`s3_timeout_seconds` bounds connecting and each read of every S3 request (DuckDB's and
    the listing's); a request is tried `s3_attempts` times in all."""
    if settings.uses_s3:
        return S3Root(
            S3Settings(
                endpoint=settings.minio_endpoint or "",
                access_key=settings.minio_access_key,
                secret_key=settings.minio_secret_key,
                secure=settings.minio_secure,
                bucket=settings.minio_bucket,
                timeout_seconds=s3_timeout_seconds,
                attempts=s3_attempts,
            )
        )
    return LocalRoot(settings.market_data_dir.resolve())


def market_data_engine(root: Root, settings: Settings) -> DuckDbEngine:
    """The app's engine: DUCKDB_CONCURRENT_QUERIES queries at once, DUCKDB_THREADS each.

    On a bucket, DuckDB keeps each object's size and ETag between queries (no HEAD per file
    per query): the root's listings tell it when an object it read was rewritten.
    """
    engine = DuckDbEngine(
        workers=settings.duckdb_concurrent_queries, threads=settings.duckdb_threads
    )
    if isinstance(root, S3Root):
        engine.use_s3(root.settings)
        engine.follow(root.rewrites)
    return engine


def market_data_sink(settings: Settings) -> tuple[Sink, Callable[[], Awaitable[None]]]:
    """Where ingest and sample-data write, with how to close it."""
    root = market_data_root(settings)
    sink: Sink = S3Sink(root) if isinstance(root, S3Root) else LocalSink(root.path)
    return sink, root.close


async def closed_on_exit(root: Root, engine: DuckDbEngine) -> AsyncIterator[None]:
    try:
        yield None
    finally:
        await root.close()
        await engine.close()
