"""Use cases over the in-memory adapters, with a clock and ids the test controls."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest

from adapters.outbound.memory.store import InMemoryStore
from adapters.outbound.memory.unit_of_work import InMemoryUnitOfWork
from adapters.outbound.rules.lark_parser import LarkRulesParser
from core.domain.backtest import BacktestStatus
from core.domain.errors import Conflict, NotFound, RuleViolated
from core.domain.pagination import PageRequest
from core.domain.rules.compiler import RulesCompiler
from core.domain.trade import Side, TradeDraft
from core.use_cases.backtests.create_backtest import CreateBacktest, CreateBacktestCommand
from core.use_cases.backtests.update_backtest import UpdateBacktest, UpdateBacktestCommand
from core.use_cases.strategies.create_strategy import CreateStrategy, CreateStrategyCommand
from core.use_cases.strategies.update_strategy import UpdateStrategy, UpdateStrategyCommand
from core.use_cases.trades.list_trades import ListTrades, ListTradesQuery
from core.use_cases.trades.record_trades import RecordTrades, RecordTradesCommand
from tests.support.clocks import CountingIds, SteppingClock

OWNER = uuid.UUID(int=999)
COMPILER = RulesCompiler(LarkRulesParser())
UowFactory = Callable[[], InMemoryUnitOfWork]


def command(**overrides: object) -> CreateBacktestCommand:
    fields: dict[str, object] = {
        "name": "  My First Backtest ",
        "strategy": "SMA",
        "symbol": "btc",
        "start_date": date(2023, 1, 1),
        "end_date": date(2023, 12, 31),
        "initial_capital": 10000,
    }
    fields.update(overrides)
    return CreateBacktestCommand(owner_id=OWNER, **fields)  # type: ignore[arg-type]


async def test_creating_a_backtest_normalises_its_fields(uow) -> None:
    backtest = await CreateBacktest(uow, SteppingClock(), CountingIds())(command())

    assert backtest.name == "My First Backtest"
    assert str(backtest.definition.symbol) == "BTC"
    assert backtest.definition.initial_capital == Decimal(10000)
    assert backtest.status is BacktestStatus.PENDING
    assert backtest.id == uuid.UUID(int=1)


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"initial_capital": 0}, "initial_capital"),
        ({"end_date": date(2022, 1, 1)}, "end_date"),
        ({"timeframe": "7q"}, "timeframe"),
        ({"name": " "}, "name"),
        ({"symbol": "B T C"}, "symbol"),
        ({"strategy": None}, "strategy"),
    ],
)
async def test_creating_a_backtest_checks_the_domain_rules(
    uow,
    store: InMemoryStore,
    overrides: dict[str, object],
    field: str,
) -> None:
    with pytest.raises(RuleViolated) as raised:
        await CreateBacktest(uow, SteppingClock(), CountingIds())(command(**overrides))

    assert raised.value.field == field
    assert store.tables.backtests == {}


async def test_an_update_that_breaks_a_rule_leaves_the_backtest_as_it_was(uow) -> None:
    clock = SteppingClock()
    created = await CreateBacktest(uow, clock, CountingIds())(command())

    with pytest.raises(Conflict):
        await UpdateBacktest(uow, clock)(
            UpdateBacktestCommand(
                OWNER, created.id, name="renamed", status=BacktestStatus.COMPLETED
            )
        )
    async with uow() as tx:
        stored = await tx.backtests.get(OWNER, created.id)

    assert stored is not None
    assert stored.name == created.name
    assert stored.status is BacktestStatus.PENDING


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (BacktestStatus.RUNNING, BacktestStatus.RUNNING),
        (BacktestStatus.CANCELLED, BacktestStatus.CANCELLED),
        (BacktestStatus.PENDING, BacktestStatus.PENDING),
    ],
)
async def test_a_status_edit_is_the_change_it_means(
    uow, status: BacktestStatus, expected: BacktestStatus
) -> None:
    clock = SteppingClock()
    created = await CreateBacktest(uow, clock, CountingIds())(command())

    updated = await UpdateBacktest(uow, clock)(
        UpdateBacktestCommand(OWNER, created.id, status=status)
    )

    assert updated.status is expected


async def test_a_status_edit_never_queues_a_backtest(uow) -> None:
    clock = SteppingClock()
    created = await CreateBacktest(uow, clock, CountingIds())(command())

    with pytest.raises(RuleViolated) as raised:
        await UpdateBacktest(uow, clock)(
            UpdateBacktestCommand(OWNER, created.id, status=BacktestStatus.QUEUED)
        )

    assert raised.value.field == "status"


async def test_a_batch_with_a_bad_trade_stores_none(uow, store: InMemoryStore) -> None:
    clock, ids = SteppingClock(), CountingIds()
    backtest = await CreateBacktest(uow, clock, ids)(command())
    good = TradeDraft(backtest.id, Side.LONG, 1, clock.now(), 100)
    bad = TradeDraft(backtest.id, Side.LONG, -1, clock.now(), 100)

    with pytest.raises(RuleViolated):
        await RecordTrades(uow, clock, ids)(RecordTradesCommand(OWNER, (good, bad)))

    assert store.tables.trades == {}


async def test_trades_of_someone_elses_backtest_are_not_found(uow) -> None:
    clock, ids = SteppingClock(), CountingIds()
    backtest = await CreateBacktest(uow, clock, ids)(command())
    draft = TradeDraft(backtest.id, Side.SHORT, 1, clock.now(), 100)

    with pytest.raises(NotFound):
        await RecordTrades(uow, clock, ids)(RecordTradesCommand(uuid.uuid4(), (draft,)))
    with pytest.raises(NotFound):
        await ListTrades(uow)(ListTradesQuery(uuid.uuid4(), backtest.id, PageRequest()))


async def test_renaming_a_strategy_onto_a_taken_name_is_a_conflict(uow) -> None:
    clock, ids = SteppingClock(), CountingIds()
    create = CreateStrategy(uow, clock, ids, COMPILER)
    await create(CreateStrategyCommand(OWNER, "Alpha", kind="buy_and_hold"))
    beta = await create(CreateStrategyCommand(OWNER, "Beta", kind="buy_and_hold"))

    with pytest.raises(Conflict):
        await UpdateStrategy(uow, clock, COMPILER)(
            UpdateStrategyCommand(OWNER, beta.id, name="ALPHA")
        )
