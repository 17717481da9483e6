"""ExecuteRun over the in-memory adapters: chunked reads, stale jobs, cancellation, once only."""

from __future__ import annotations

import itertools
import uuid
from datetime import date

import pytest

from adapters.outbound.engine.reference import ReferenceEngine
from adapters.outbound.memory.candle_store import InMemoryCandleStore
from adapters.outbound.memory.store import InMemoryStore
from adapters.outbound.memory.unit_of_work import InMemoryUnitOfWork
from adapters.outbound.rules.lark_parser import LarkRulesParser
from core.domain.backtest import Backtest, BacktestStatus
from core.domain.candles import CandleQuery
from core.domain.engine.bars import Bars
from core.domain.rules.compiler import RulesCompiler
from core.domain.run_job import RunJob
from core.domain.timeframe import Timeframe
from core.ports.clock import RandomIds, SystemClock
from core.use_cases.runs.execute_run import ExecuteRun, chunk_queries
from tests.support.builders import a_backtest, a_definition
from tests.support.marketdata import bars, ms

OWNER = uuid.uuid4()
COMPILER = RulesCompiler(LarkRulesParser())


@pytest.fixture
def candles() -> InMemoryCandleStore:
    store = InMemoryCandleStore()
    # Two weeks either side of a new year, at one bar every minute.
    store.add("BTC", bars(ms(2022, 12, 18), 28 * 24 * 60, seed=5))
    return store


def a_queued(timeframe: str) -> tuple[Backtest, RunJob]:
    backtest = a_backtest(
        OWNER,
        definition=a_definition(
            strategy="sma_crossover",
            symbol="BTC",
            start_date=date(2022, 12, 18),
            end_date=date(2023, 1, 14),
            timeframe=timeframe,
            parameters={"fast": 3, "slow": 8},
        ),
    )
    run_id = uuid.uuid4()
    backtest.queue_run(run_id, backtest.created_at)
    return backtest, RunJob(OWNER, backtest.id, run_id)


async def stored(store: InMemoryStore, backtest: Backtest) -> None:
    async with InMemoryUnitOfWork(store) as uow:
        await uow.backtests.add(backtest)
        await uow.commit()


def execute(store: InMemoryStore, candles: InMemoryCandleStore) -> ExecuteRun:
    return ExecuteRun(
        lambda: InMemoryUnitOfWork(store),
        SystemClock(),
        RandomIds(),
        candles,
        ReferenceEngine(),
        COMPILER,
    )


async def read(store: InMemoryStore, backtest: Backtest) -> Backtest:
    async with InMemoryUnitOfWork(store) as uow:
        found = await uow.backtests.get(OWNER, backtest.id)
    assert found is not None
    return found


@pytest.mark.parametrize("timeframe", ["1m", "1h", "1d", "3d", "1w"])
async def test_reading_in_chunks_gives_the_bars_of_one_read(
    candles: InMemoryCandleStore, timeframe: str
) -> None:
    backtest = a_backtest(
        OWNER,
        definition=a_definition(
            start_date=date(2022, 12, 18), end_date=date(2023, 1, 14), timeframe=timeframe
        ),
    )
    chunks = chunk_queries(backtest)
    whole = CandleQuery(
        backtest.definition.symbol, chunks[0].start, chunks[-1].end, Timeframe.parse(timeframe)
    )

    parts = [await candles.candles(query) for query in chunks]
    one = await candles.candles(whole)

    assert len(chunks) == (2 if timeframe == "1m" else 1)
    assert [t for part in parts for t in part.times] == list(one.times)
    assert [c for part in parts for c in part.close] == list(one.close)


@pytest.mark.parametrize(
    ("timeframe", "chunks"), [("1m", 11), ("5m", 3), ("15m", 1), ("1d", 1), ("1M", 1)]
)
def test_a_chunk_holds_at_most_a_year_of_minutes_in_whole_years(
    timeframe: str, chunks: int
) -> None:
    backtest = a_backtest(
        OWNER,
        definition=a_definition(
            start_date=date(2014, 3, 1), end_date=date(2024, 6, 30), timeframe=timeframe
        ),
    )

    queries = chunk_queries(backtest)

    assert len(queries) == chunks
    assert all(q.end.month == 1 and q.end.day == 1 for q in queries[:-1])
    assert all(a.end == b.start for a, b in itertools.pairwise(queries))
    assert (queries[0].start.date(), queries[-1].end.date()) == (date(2014, 3, 1), date(2024, 7, 1))


async def test_a_run_completes_with_the_engines_figures(candles: InMemoryCandleStore) -> None:
    store = InMemoryStore()
    backtest, job = a_queued("1h")
    await stored(store, backtest)

    await execute(store, candles)(job)

    done = await read(store, backtest)
    series = await candles.candles(
        CandleQuery(
            backtest.definition.symbol,
            chunk_queries(backtest)[0].start,
            chunk_queries(backtest)[-1].end,
            Timeframe.parse("1h"),
        )
    )
    program = COMPILER.compile("sma_crossover", {"fast": 3, "slow": 8}, None)
    expected = ReferenceEngine().run(
        Bars.from_series(series), program, backtest.definition.settings()
    )
    assert done.status is BacktestStatus.COMPLETED
    assert done.results == expected.statistics.as_dict()
    async with InMemoryUnitOfWork(store) as uow:
        result = await uow.results.get(OWNER, backtest.id)
    assert result is not None
    assert list(result.equity) == list(expected.equity)


async def test_a_job_run_twice_completes_once(candles: InMemoryCandleStore) -> None:
    store = InMemoryStore()
    backtest, job = a_queued("1h")
    await stored(store, backtest)
    run = execute(store, candles)

    await run(job)
    first = await read(store, backtest)
    await run(job)
    second = await read(store, backtest)

    assert first.updated_at == second.updated_at
    assert second.status is BacktestStatus.COMPLETED


async def test_a_stale_job_changes_nothing(candles: InMemoryCandleStore) -> None:
    store = InMemoryStore()
    backtest, _ = a_queued("1h")
    await stored(store, backtest)

    await execute(store, candles)(RunJob(OWNER, backtest.id, uuid.uuid4()))

    assert (await read(store, backtest)).status is BacktestStatus.QUEUED


async def test_a_run_cancelled_while_reading_stops_without_results(
    candles: InMemoryCandleStore,
) -> None:
    store = InMemoryStore()
    backtest, job = a_queued("1h")
    await stored(store, backtest)

    class CancelOnFirstRead(InMemoryCandleStore):
        async def candles(self, query: CandleQuery):  # type: ignore[no-untyped-def]
            async with InMemoryUnitOfWork(store) as uow:
                current = await uow.backtests.lock(OWNER, backtest.id)
                assert current is not None
                current.cancel_run(current.updated_at)
                await uow.backtests.update(current)
                await uow.commit()
            return await candles.candles(query)

    await execute(store, CancelOnFirstRead())(job)

    done = await read(store, backtest)
    assert done.status is BacktestStatus.CANCELLED
    async with InMemoryUnitOfWork(store) as uow:
        assert await uow.results.get(OWNER, backtest.id) is None
