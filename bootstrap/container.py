"""The dependency-injector container: the one place adapters are chosen and wired.

Each concern is a part of its own (bootstrap/parts/) that states what it needs with
`providers.Dependency`; this container composes them. Tests swap a whole part at once
(`container.persistence.override(...)`; see tests/support/in_memory.py).
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from dependency_injector import containers, providers

from adapters.inbound.worker.pgqueuer_worker import PgQueuerWorker
from adapters.inbound.worker.runner import RunJobs
from bootstrap.parts.auth import SupabaseAuth
from bootstrap.parts.engine import Engine
from bootstrap.parts.market_data import DuckDbMarketData
from bootstrap.parts.persistence import PostgresPersistence
from bootstrap.parts.use_cases import UseCases
from bootstrap.settings import Settings
from core.ports.clock import RandomIds, SystemClock


def package_version() -> str:
    try:
        return version("backtest-backend")
    except PackageNotFoundError:
        return "0.0.0+local"


class Container(containers.DeclarativeContainer):
    """Lifecycles are Resources that yield nothing the factories use: factories stay sync."""

    settings = providers.Dependency(instance_of=Settings)
    database_url = providers.Dependency(instance_of=str)
    jwt_secret: providers.Dependency[str | None] = providers.Dependency()

    version = providers.Callable(package_version)
    clock = providers.Singleton(SystemClock)
    ids = providers.Singleton(RandomIds)

    persistence = providers.Container(
        PostgresPersistence, settings=settings, database_url=database_url
    )
    auth = providers.Container(
        SupabaseAuth, settings=settings, jwt_secret=jwt_secret, clock=clock, uow=persistence.uow
    )
    market_data = providers.Container(DuckDbMarketData, settings=settings)
    engine = providers.Container(Engine)
    use_cases = providers.Container(
        UseCases,
        uow=persistence.uow,
        clock=clock,
        ids=ids,
        compiler=engine.strategy_compiler,
        candles=market_data.candle_store,
        engine=engine.backtest_engine,
        max_active_runs=settings.provided.max_active_runs,
    )

    # Health: the market data is not needed to be ready; it is reported in detail.
    health_probes = providers.List(persistence.probe, market_data.probe)
    readiness_probes = providers.List(persistence.probe)

    # Workers: pgqueuer over the same database (tests swap in the in-memory worker).
    run_jobs = providers.Singleton(
        RunJobs, execute=use_cases.execute_run.provider, concurrency=settings.provided.run_workers
    )
    run_worker = providers.Singleton(
        PgQueuerWorker,
        dsn=database_url,
        run=run_jobs,
        concurrency=settings.provided.run_workers,
        heartbeat_seconds=settings.provided.run_heartbeat_seconds,
    )

    # The names the HTTP routes ask for (`Provide["create_backtest"]`), each one a part's own.
    token_verifier = auth.token_verifier
    candle_limits = market_data.candle_limits
    ohlcv_cache = market_data.ohlcv_cache
    describe_caller = use_cases.describe_caller
    create_backtest = use_cases.create_backtest
    list_backtests = use_cases.list_backtests
    get_backtest = use_cases.get_backtest
    update_backtest = use_cases.update_backtest
    delete_backtest = use_cases.delete_backtest
    record_trades = use_cases.record_trades
    list_trades = use_cases.list_trades
    create_strategy = use_cases.create_strategy
    list_strategies = use_cases.list_strategies
    get_strategy = use_cases.get_strategy
    update_strategy = use_cases.update_strategy
    delete_strategy = use_cases.delete_strategy
    validate_template = use_cases.validate_template
    queue_run = use_cases.queue_run
    cancel_run = use_cases.cancel_run
    get_results = use_cases.get_results
    list_symbols = use_cases.list_symbols
    get_candles = use_cases.get_candles
