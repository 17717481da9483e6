from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from core.domain.backtest import Backtest, BacktestDefinition, BacktestStatus
from core.domain.errors import Conflict
from core.domain.timeframe import Timeframe
from core.domain.values import DateRange, Symbol
from tests.support.ids import fixed_uuid

T0 = datetime(2024, 1, 1, tzinfo=UTC)
LATER = T0 + timedelta(minutes=5)
# Each status a client reports, as the intent that leads to it.
INTENT: dict[BacktestStatus, Callable[[Backtest, datetime], None]] = {
    BacktestStatus.PENDING: Backtest.requeue,
    BacktestStatus.RUNNING: Backtest.start,
    BacktestStatus.COMPLETED: Backtest.complete,
    BacktestStatus.FAILED: Backtest.fail,
    BacktestStatus.CANCELLED: Backtest.cancel,
}


def a_pending_backtest() -> Backtest:
    return Backtest(
        id=fixed_uuid(1),
        owner_id=fixed_uuid(2),
        name="First",
        definition=BacktestDefinition(
            strategy="Moving Average Crossover",
            symbol=Symbol("BTC"),
            period=DateRange(date(2023, 1, 1), date(2023, 12, 31)),
            initial_capital=Decimal(10000),
            timeframe=Timeframe.parse("1d"),
        ),
        created_at=T0,
        updated_at=T0,
    )


def moved(*statuses: BacktestStatus) -> Backtest:
    backtest = a_pending_backtest()
    for status in statuses:
        INTENT[status](backtest, LATER)
    return backtest


@pytest.mark.parametrize(
    "path",
    [
        (BacktestStatus.RUNNING, BacktestStatus.COMPLETED),
        (BacktestStatus.RUNNING, BacktestStatus.FAILED),
        (BacktestStatus.RUNNING, BacktestStatus.CANCELLED),
        (BacktestStatus.CANCELLED, BacktestStatus.PENDING),
        (BacktestStatus.RUNNING, BacktestStatus.FAILED, BacktestStatus.PENDING),
    ],
)
def test_a_backtest_follows_the_allowed_transitions(path: tuple[BacktestStatus, ...]) -> None:
    backtest = moved(*path)

    assert backtest.status is path[-1]
    assert backtest.updated_at == LATER


@pytest.mark.parametrize(
    ("path", "forbidden"),
    [
        ((), BacktestStatus.COMPLETED),
        ((), BacktestStatus.FAILED),
        ((BacktestStatus.RUNNING,), BacktestStatus.PENDING),
        ((BacktestStatus.RUNNING, BacktestStatus.COMPLETED), BacktestStatus.RUNNING),
    ],
)
def test_a_backtest_refuses_a_skipped_transition(
    path: tuple[BacktestStatus, ...], forbidden: BacktestStatus
) -> None:
    backtest = moved(*path)
    before = path[-1] if path else BacktestStatus.PENDING

    with pytest.raises(Conflict, match=f"cannot go from {before} to {forbidden}$"):
        INTENT[forbidden](backtest, LATER)

    assert backtest.status is before


def test_queueing_a_completed_backtest_again_drops_its_results() -> None:
    backtest = moved(BacktestStatus.RUNNING, BacktestStatus.COMPLETED)
    backtest.record_results({"sharpe": 1.2}, LATER)

    backtest.requeue(LATER)

    assert backtest.results is None


def test_a_running_backtest_cannot_change_what_it_tests() -> None:
    backtest = moved(BacktestStatus.RUNNING)

    with pytest.raises(Conflict):
        backtest.redefine(backtest.with_definition(symbol=Symbol("ETH")), LATER)

    assert backtest.definition.symbol == Symbol("BTC")


def test_a_completed_backtest_can_still_be_renamed() -> None:
    backtest = moved(BacktestStatus.RUNNING, BacktestStatus.COMPLETED)

    backtest.rename("Renamed", LATER)

    assert backtest.name == "Renamed"


def test_a_pending_backtest_has_no_results_to_record() -> None:
    with pytest.raises(Conflict):
        a_pending_backtest().record_results({"x": 1}, LATER)
