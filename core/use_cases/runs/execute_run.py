"""ExecuteRun: what a worker does with a queued run, from reading candles to storing results."""

from __future__ import annotations

import asyncio
import itertools
import logging
from datetime import UTC, datetime, time, timedelta

from core.domain.backtest import Backtest
from core.domain.backtest_result import BacktestResult
from core.domain.candles import CandleQuery, CandleSeries, bucket_start, from_ms, to_ms
from core.domain.columns import FLOAT, INT, joined
from core.domain.engine.bars import Bars
from core.domain.errors import DomainError
from core.domain.run_job import RunJob
from core.domain.strategy import Strategy
from core.ports.candle_store import CandleStore
from core.ports.clock import Clock, IdGenerator
from core.ports.engine import BacktestEngine
from core.ports.strategy_compiler import StrategyCompiler
from core.ports.unit_of_work import UnitOfWorkFactory
from core.use_cases.runs.engine_trades import engine_trades
from core.use_cases.runs.fingerprint import fingerprint
from core.use_cases.runs.run_inputs import program_of

log = logging.getLogger("backtest.runs")
# Share of the progress bar spent reading candles; the simulation and storing take the rest.
READING = 0.8
# Bars read at most at once: a leap year of minutes.
CHUNK_BARS = 366 * 24 * 60
_YEAR_MINUTES = 366 * 24 * 60
_MONTH_MINUTES = 28 * 24 * 60  # the shortest calendar month, for 1M


class ExecuteRun:
    """Runs one job; safe to call again for the same job (a re-picked job after a worker
    died) and for a stale one (a later run, or cancelled): only the current run, still
    running, ever stores results, and it does so once.
    """

    def __init__(
        self,
        uow: UnitOfWorkFactory,
        clock: Clock,
        ids: IdGenerator,
        candles: CandleStore,
        engine: BacktestEngine,
        compiler: StrategyCompiler,
    ) -> None:
        self._uow = uow
        self._clock = clock
        self._ids = ids
        self._candles = candles
        self._engine = engine
        self._compiler = compiler

    async def __call__(self, job: RunJob) -> None:
        started = await self._start(job)
        if started is None:
            return
        backtest, template = started
        try:
            program = program_of(self._compiler, backtest, template)
            settings = backtest.definition.settings()
            series = await self._read(job, backtest)
            if series is None:
                return  # cancelled while reading
            if not series:
                raise _NoBars(backtest)
            bars = Bars.from_series(series)
            # Hashing the bars (hashlib lets go of the GIL) runs beside the simulation.
            outcome, read = await asyncio.gather(
                asyncio.to_thread(self._engine.run, bars, program, settings),
                asyncio.to_thread(fingerprint, series),
            )
        except DomainError as error:
            await self._fail(job, error.detail)
            return
        except Exception:
            log.exception("run %s of backtest %s failed", job.run_id, job.backtest_id)
            await self._fail(job, "the run failed on the server; it was logged for the operators")
            return
        now = self._clock.now()
        result = BacktestResult(
            owner_id=job.owner_id,
            backtest_id=job.backtest_id,
            run_id=job.run_id,
            statistics=outcome.statistics.as_dict(),
            times=bars.times,
            equity=outcome.equity,
            created_at=now,
            engine=self._engine.name,
            settings={"cash": settings.cash, **backtest.definition.execution},
            fingerprint=read,
        )
        # Thousands of entities (a second's work for 100,000 trades) made off the event loop,
        # which keeps answering requests meanwhile.
        trades = await asyncio.to_thread(engine_trades, backtest, outcome.trades, self._ids, now)
        async with self._uow() as uow:
            current = await uow.backtests.lock(job.owner_id, job.backtest_id)
            if current is None or not current.complete_run(job.run_id, result.statistics, now):
                return
            await uow.results.put(result)
            await uow.trades.delete_engine_trades(job.owner_id, job.backtest_id)
            await uow.trades.add_many(trades)
            await uow.backtests.update(current)
            await uow.commit()

    async def _start(self, job: RunJob) -> tuple[Backtest, Strategy | None] | None:
        async with self._uow() as uow:
            backtest = await uow.backtests.lock(job.owner_id, job.backtest_id)
            if backtest is None:
                return None
            runnable = backtest.start_run(job.run_id, self._clock.now())
            await uow.backtests.update(backtest)
            template = None
            if runnable and backtest.definition.strategy_id is not None:
                template = await uow.strategies.get(job.owner_id, backtest.definition.strategy_id)
            await uow.commit()
        return (backtest, template) if runnable else None

    async def _read(self, job: RunJob, backtest: Backtest) -> CandleSeries | None:
        """Reads the range in chunks, reporting progress and stopping when cancelled."""
        chunks = chunk_queries(backtest)
        parts: list[CandleSeries] = []
        for index, query in enumerate(chunks):
            parts.append(await self._candles.bars(query))
            if not await self._progress(job, READING * (index + 1) / len(chunks)):
                return None
        return _concat(parts)

    async def _progress(self, job: RunJob, progress: float) -> bool:
        async with self._uow() as uow:
            backtest = await uow.backtests.lock(job.owner_id, job.backtest_id)
            if backtest is None:
                return False
            going_on = backtest.report_progress(job.run_id, progress, self._clock.now())
            await uow.backtests.update(backtest)
            await uow.commit()
        return going_on

    async def _fail(self, job: RunJob, error: str) -> None:
        async with self._uow() as uow:
            backtest = await uow.backtests.lock(job.owner_id, job.backtest_id)
            if backtest is not None and backtest.fail_run(job.run_id, error, self._clock.now()):
                await uow.backtests.update(backtest)
                await uow.commit()


class _NoBars(DomainError):
    def __init__(self, backtest: Backtest) -> None:
        definition = backtest.definition
        super().__init__(
            f"no {definition.timeframe} candles of {definition.symbol} between "
            f"{definition.period.start} and {definition.period.end}"
        )


def chunk_queries(backtest: Backtest) -> list[CandleQuery]:
    """Queries for the backtest's range split at year starts, aligned to its buckets so
    that no candle is cut in two, each spanning as many whole years as hold at most
    CHUNK_BARS bars: a year at a time for minutes, one read for daily bars (a read and a
    progress report cost milliseconds each, more than a year of daily bars)."""
    definition = backtest.definition
    start = datetime.combine(definition.period.start, time(), UTC)
    end = datetime.combine(definition.period.end, time(), UTC) + timedelta(days=1)
    minutes = definition.timeframe.minutes or _MONTH_MINUTES
    years = max(1, CHUNK_BARS // -(-_YEAR_MINUTES // minutes))
    edges = [start]
    for year in range(start.year + years, end.year + 1, years):
        edge = from_ms(bucket_start(to_ms(datetime(year, 1, 1, tzinfo=UTC)), definition.timeframe))
        if edges[-1] < edge < end:
            edges.append(edge)
    edges.append(end)
    return [
        CandleQuery(definition.symbol, lo, hi, definition.timeframe)
        for lo, hi in itertools.pairwise(edges)
    ]


def _concat(parts: list[CandleSeries]) -> CandleSeries:
    if len(parts) == 1:
        return parts[0]
    first = parts[0]
    times = joined((part.times for part in parts), INT)
    values = [
        joined((getattr(part, name) for part in parts), FLOAT)
        for name in ("open", "high", "low", "close", "volume")
    ]
    return CandleSeries(first.symbol, first.timeframe, times, *values)
