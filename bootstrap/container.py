"""The dependency-injector container: the one place adapters are chosen and wired."""

from __future__ import annotations

from collections.abc import AsyncIterator
from importlib.metadata import PackageNotFoundError, version

from dependency_injector import containers, providers

from adapters.inbound.http.ohlcv.gate import MarketDataGate
from adapters.inbound.http.ohlcv.response_cache import ResponseCache
from adapters.inbound.http.routes.ohlcv import CandleLimits
from adapters.inbound.worker.pgqueuer_worker import PgQueuerWorker
from adapters.inbound.worker.runner import RunJobs
from adapters.outbound.duckdb.candle_store import DuckDbCandleStore
from adapters.outbound.engine.fast.engine import FastEngine
from adapters.outbound.market_data_storage.health import MarketDataHealthProbe
from adapters.outbound.postgres.health import PostgresHealthProbe
from adapters.outbound.postgres.unit_of_work import PostgresUnitOfWork
from adapters.outbound.rules.lark_parser import LarkRulesParser
from adapters.outbound.supabase.jwks import JwksCache
from adapters.outbound.supabase.token_verifier import SupabaseTokenVerifier
from bootstrap.database import PoolHolder
from bootstrap.market_data import closed_on_exit, market_data_engine, market_data_root
from bootstrap.settings import Settings
from core.domain.rules.compiler import RulesCompiler
from core.ports.clock import RandomIds, SystemClock
from core.use_cases.backtests.create_backtest import CreateBacktest
from core.use_cases.backtests.delete_backtest import DeleteBacktest
from core.use_cases.backtests.get_backtest import GetBacktest
from core.use_cases.backtests.list_backtests import ListBacktests
from core.use_cases.backtests.update_backtest import UpdateBacktest
from core.use_cases.market_data.get_candles import GetCandles
from core.use_cases.market_data.list_symbols import ListSymbols
from core.use_cases.runs.cancel_run import CancelRun
from core.use_cases.runs.execute_run import ExecuteRun
from core.use_cases.runs.get_results import GetResults
from core.use_cases.runs.queue_run import QueueRun
from core.use_cases.strategies.create_strategy import CreateStrategy
from core.use_cases.strategies.delete_strategy import DeleteStrategy
from core.use_cases.strategies.get_strategy import GetStrategy
from core.use_cases.strategies.list_strategies import ListStrategies
from core.use_cases.strategies.update_strategy import UpdateStrategy
from core.use_cases.strategies.validate_template import ValidateTemplate
from core.use_cases.trades.list_trades import ListTrades
from core.use_cases.trades.record_trades import RecordTrades
from core.use_cases.users.authenticate import Authenticate, RecentlySeen
from core.use_cases.users.describe_caller import DescribeCaller


def package_version() -> str:
    try:
        return version("backtest-backend")
    except PackageNotFoundError:
        return "0.0.0+local"


async def _opened(holder: PoolHolder) -> AsyncIterator[PoolHolder]:
    await holder.open()
    try:
        yield holder
    finally:
        await holder.close()


async def _closed_on_exit(resource: JwksCache | None) -> AsyncIterator[None]:
    try:
        yield None
    finally:
        if resource is not None:
            await resource.close()


def _jwks(supabase_url: str | None, clock: SystemClock) -> JwksCache | None:
    return JwksCache.for_supabase(supabase_url, clock=clock) if supabase_url else None


class Container(containers.DeclarativeContainer):
    """Lifecycles are Resources that yield nothing the factories use: factories stay sync."""

    settings = providers.Dependency(instance_of=Settings)
    database_url = providers.Dependency(instance_of=str)
    jwt_secret: providers.Dependency[str | None] = providers.Dependency()

    version = providers.Callable(package_version)
    clock = providers.Singleton(SystemClock)
    ids = providers.Singleton(RandomIds)

    # Persistence
    database = providers.Singleton(
        PoolHolder,
        dsn=database_url,
        min_size=settings.provided.db_pool_min,
        max_size=settings.provided.db_pool_max,
        statement_timeout_ms=settings.provided.db_statement_timeout_ms,
    )
    database_lifecycle = providers.Resource(_opened, database)
    uow = providers.Factory(
        PostgresUnitOfWork,
        pool=database.provided.pool,
        acquire_timeout=settings.provided.db_acquire_timeout_seconds,
    )
    database_probe = providers.Factory(
        PostgresHealthProbe,
        pool=database.provided.pool,
        migrations_dir=settings.provided.migrations_dir,
    )

    # Authentication
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

    # Market data
    market_data_root = providers.Singleton(
        market_data_root,
        settings,
        s3_timeout_seconds=settings.provided.minio_timeout_seconds,
        s3_attempts=settings.provided.minio_attempts,
    )
    duckdb_engine = providers.Singleton(market_data_engine, market_data_root, settings)
    market_data_lifecycle = providers.Resource(closed_on_exit, market_data_root, duckdb_engine)
    candle_store = providers.Singleton(
        DuckDbCandleStore,
        root=market_data_root,
        engine=duckdb_engine,
        listing_ttl_seconds=settings.provided.symbols_cache_ttl_seconds,
    )
    market_data_probe = providers.Singleton(MarketDataHealthProbe, market_data_root)
    ohlcv_cache = providers.Singleton(
        ResponseCache,
        max_bytes=settings.provided.ohlcv_cache_bytes,
        live_ttl_seconds=settings.provided.ohlcv_live_ttl_seconds,
    )
    market_data_gate = providers.Singleton(
        MarketDataGate,
        slots=settings.provided.ohlcv_concurrency,
        waiting=settings.provided.ohlcv_queue,
        wait_seconds=settings.provided.ohlcv_queue_seconds,
        deadline_seconds=settings.provided.ohlcv_deadline_seconds,
    )
    candle_limits = providers.Singleton(
        CandleLimits, max_candles=settings.provided.ohlcv_max_candles, gate=market_data_gate
    )

    # Health: the market data is not needed to be ready; it is reported in detail.
    health_probes = providers.List(database_probe, market_data_probe)
    readiness_probes = providers.List(database_probe)

    # Strategies and the engine
    rules_parser = providers.Singleton(LarkRulesParser)
    strategy_compiler = providers.Singleton(RulesCompiler, parser=rules_parser)
    engine = providers.Singleton(FastEngine)

    # Use cases
    describe_caller = providers.Factory(DescribeCaller, uow=uow.provider, clock=clock)
    create_backtest = providers.Factory(CreateBacktest, uow=uow.provider, clock=clock, ids=ids)
    list_backtests = providers.Factory(ListBacktests, uow=uow.provider)
    get_backtest = providers.Factory(GetBacktest, uow=uow.provider)
    update_backtest = providers.Factory(UpdateBacktest, uow=uow.provider, clock=clock)
    delete_backtest = providers.Factory(DeleteBacktest, uow=uow.provider)
    record_trades = providers.Factory(RecordTrades, uow=uow.provider, clock=clock, ids=ids)
    list_trades = providers.Factory(ListTrades, uow=uow.provider)
    create_strategy = providers.Factory(
        CreateStrategy, uow=uow.provider, clock=clock, ids=ids, compiler=strategy_compiler
    )
    list_strategies = providers.Factory(ListStrategies, uow=uow.provider)
    get_strategy = providers.Factory(GetStrategy, uow=uow.provider)
    update_strategy = providers.Factory(
        UpdateStrategy, uow=uow.provider, clock=clock, compiler=strategy_compiler
    )
    validate_template = providers.Factory(ValidateTemplate, compiler=strategy_compiler)
    queue_run = providers.Factory(
        QueueRun,
        uow=uow.provider,
        clock=clock,
        ids=ids,
        compiler=strategy_compiler,
        max_active_runs=settings.provided.max_active_runs,
    )
    cancel_run = providers.Factory(CancelRun, uow=uow.provider, clock=clock)
    get_results = providers.Factory(GetResults, uow=uow.provider)
    execute_run = providers.Factory(
        ExecuteRun,
        uow=uow.provider,
        clock=clock,
        ids=ids,
        candles=candle_store,
        engine=engine,
        compiler=strategy_compiler,
    )

    # Workers: pgqueuer over the same database (tests swap in the in-memory worker).
    run_jobs = providers.Singleton(
        RunJobs, execute=execute_run.provider, concurrency=settings.provided.run_workers
    )
    run_worker = providers.Singleton(
        PgQueuerWorker,
        dsn=database_url,
        run=run_jobs,
        concurrency=settings.provided.run_workers,
        heartbeat_seconds=settings.provided.run_heartbeat_seconds,
    )
    delete_strategy = providers.Factory(DeleteStrategy, uow=uow.provider)
    list_symbols = providers.Factory(ListSymbols, store=candle_store)
    get_candles = providers.Factory(GetCandles, store=candle_store, clock=clock)
