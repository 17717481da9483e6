"""Market data: Parquet in a folder or a bucket, read by DuckDB; the answers' cache and gate."""

from __future__ import annotations

from dependency_injector import containers, providers

from adapters.inbound.http.ohlcv.gate import MarketDataGate
from adapters.inbound.http.ohlcv.limits import CandleLimits, encoding_pool
from adapters.inbound.http.ohlcv.response_cache import ResponseCache
from adapters.outbound.duckdb.candle_store import DuckDbCandleStore
from adapters.outbound.market_data_storage.health import MarketDataHealthProbe
from bootstrap.market_data import closed_on_exit, market_data_engine, market_data_root
from bootstrap.settings import Settings


class DuckDbMarketData(containers.DeclarativeContainer):
    """`candle_store` is what the use cases read; `probe` reports the storage's health."""

    settings = providers.Dependency(instance_of=Settings)

    root = providers.Singleton(
        market_data_root,
        settings,
        s3_timeout_seconds=settings.provided.minio_timeout_seconds,
        s3_attempts=settings.provided.minio_attempts,
    )
    duckdb_engine = providers.Singleton(market_data_engine, root, settings)
    lifecycle = providers.Resource(closed_on_exit, root, duckdb_engine)
    candle_store = providers.Singleton(
        DuckDbCandleStore,
        root=root,
        engine=duckdb_engine,
        listing_ttl_seconds=settings.provided.symbols_cache_ttl_seconds,
    )
    probe = providers.Singleton(MarketDataHealthProbe, root)
    ohlcv_cache = providers.Singleton(
        ResponseCache,
        max_bytes=settings.provided.ohlcv_cache_bytes,
        live_ttl_seconds=settings.provided.ohlcv_live_ttl_seconds,
    )
    gate = providers.Singleton(
        MarketDataGate,
        slots=settings.provided.ohlcv_concurrency,
        waiting=settings.provided.ohlcv_queue,
        wait_seconds=settings.provided.ohlcv_queue_seconds,
        deadline_seconds=settings.provided.ohlcv_deadline_seconds,
    )
    encoders = providers.Singleton(encoding_pool)
    candle_limits = providers.Singleton(
        CandleLimits, max_candles=settings.provided.ohlcv_max_candles, gate=gate, encoders=encoders
    )
