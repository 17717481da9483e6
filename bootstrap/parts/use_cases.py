"""The use cases, each a Factory: a fresh one per call, over the ports this part is given."""

from __future__ import annotations

import asyncio

from dependency_injector import containers, providers

from core.ports.candle_store import CandleStore
from core.ports.clock import Clock, IdGenerator
from core.ports.engine import BacktestEngine
from core.ports.status_changes import StatusChanges
from core.ports.strategy_compiler import StrategyCompiler
from core.ports.unit_of_work import UnitOfWork
from core.use_cases.backtests.create_backtest import CreateBacktest
from core.use_cases.backtests.delete_backtest import DeleteBacktest
from core.use_cases.backtests.list_backtests import ListBacktests
from core.use_cases.backtests.update_backtest import UpdateBacktest
from core.use_cases.backtests.wait_for_backtest import WaitForBacktest
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
from core.use_cases.users.describe_caller import DescribeCaller


class UseCases(containers.DeclarativeContainer):
    """`uow` is a unit-of-work provider: each use case call opens its own unit of work."""

    uow: providers.Dependency[UnitOfWork] = providers.Dependency()
    clock: providers.Dependency[Clock] = providers.Dependency()
    ids: providers.Dependency[IdGenerator] = providers.Dependency()
    compiler: providers.Dependency[StrategyCompiler] = providers.Dependency()
    candles: providers.Dependency[CandleStore] = providers.Dependency()
    engine: providers.Dependency[BacktestEngine] = providers.Dependency()
    max_active_runs = providers.Dependency(instance_of=int)
    status_changes: providers.Dependency[StatusChanges] = providers.Dependency()
    max_wait_seconds = providers.Dependency(instance_of=int)
    draining = providers.Dependency(instance_of=asyncio.Event)

    describe_caller = providers.Factory(DescribeCaller, uow=uow.provider, clock=clock)

    create_backtest = providers.Factory(CreateBacktest, uow=uow.provider, clock=clock, ids=ids)
    list_backtests = providers.Factory(ListBacktests, uow=uow.provider)
    wait_for_backtest = providers.Factory(
        WaitForBacktest,
        uow=uow.provider,
        changes=status_changes,
        max_seconds=max_wait_seconds,
        draining=draining,
    )
    update_backtest = providers.Factory(UpdateBacktest, uow=uow.provider, clock=clock)
    delete_backtest = providers.Factory(DeleteBacktest, uow=uow.provider)

    record_trades = providers.Factory(RecordTrades, uow=uow.provider, clock=clock, ids=ids)
    list_trades = providers.Factory(ListTrades, uow=uow.provider)

    create_strategy = providers.Factory(
        CreateStrategy, uow=uow.provider, clock=clock, ids=ids, compiler=compiler
    )
    list_strategies = providers.Factory(ListStrategies, uow=uow.provider)
    get_strategy = providers.Factory(GetStrategy, uow=uow.provider)
    update_strategy = providers.Factory(
        UpdateStrategy, uow=uow.provider, clock=clock, compiler=compiler
    )
    delete_strategy = providers.Factory(DeleteStrategy, uow=uow.provider)
    validate_template = providers.Factory(ValidateTemplate, compiler=compiler)

    queue_run = providers.Factory(
        QueueRun,
        uow=uow.provider,
        clock=clock,
        ids=ids,
        compiler=compiler,
        max_active_runs=max_active_runs,
    )
    cancel_run = providers.Factory(CancelRun, uow=uow.provider, clock=clock)
    get_results = providers.Factory(GetResults, uow=uow.provider)
    execute_run = providers.Factory(
        ExecuteRun,
        uow=uow.provider,
        clock=clock,
        ids=ids,
        candles=candles,
        engine=engine,
        compiler=compiler,
    )

    list_symbols = providers.Factory(ListSymbols, store=candles)
    get_candles = providers.Factory(GetCandles, store=candles, clock=clock)
