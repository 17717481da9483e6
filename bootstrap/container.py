"""The dependency-injector container: the one place adapters are chosen and wired.

Each concern is a part of its own (bootstrap/parts/) that states what it needs with
`providers.Dependency`; this container composes them. Tests swap a whole part at once
(`container.persistence.override(...)`; see tests/support/in_memory.py).
"""

from __future__ import annotations

import asyncio
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
    # Set when the server begins to stop: waiting requests answer at once (WaitForBacktest).
    draining = providers.Singleton(asyncio.Event)

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
        status_changes=persistence.status_changes,
        max_wait_seconds=settings.provided.run_wait_max_seconds,
        draining=draining,
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
