"""What a client writes becomes an entity through the domain: templates, statuses, amounts."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest

from core.domain.backtest import Backtest, BacktestDraft, BacktestStatus
from core.domain.errors import Conflict, RuleViolated
from core.domain.trade import Side, Trade, TradeDraft
from core.domain.values import Symbol
from tests.support.builders import T0, a_strategy
from tests.support.ids import fixed_uuid

TEMPLATE = a_strategy(name="SMA", kind="sma_crossover", parameters={"fast": 5, "slow": 20})


def draft(**overrides: Any) -> BacktestDraft:
    fields: dict[str, Any] = {
        "name": "First",
        "symbol": "btc",
        "start_date": date(2023, 1, 1),
        "end_date": date(2023, 12, 31),
        "initial_capital": 10000,
        "strategy": "Buy and hold",
    }
    fields.update(overrides)
    return BacktestDraft(**fields)


def created(template: Any = None, **overrides: Any) -> Backtest:
    return Backtest.create(fixed_uuid(1), fixed_uuid(2), draft(**overrides), template, T0)


def test_a_backtest_from_a_template_takes_its_name_and_default_parameters() -> None:
    backtest = created(TEMPLATE, strategy=None, parameters={"fast": 7})

    assert backtest.definition.strategy == "SMA"
    assert backtest.definition.parameters == {"fast": 7, "slow": 20}


def test_a_strategy_named_in_the_draft_wins_over_the_templates_name() -> None:
    assert created(TEMPLATE, strategy="Mine").definition.strategy == "Mine"


def test_without_a_template_the_draft_must_name_its_strategy() -> None:
    with pytest.raises(RuleViolated) as raised:
        created(strategy=None)

    assert raised.value.field == "strategy"


@pytest.mark.parametrize(
    "status", [s for s in BacktestStatus if s is not BacktestStatus.QUEUED], ids=str
)
def test_a_run_made_elsewhere_is_recorded_in_the_status_it_reached(
    status: BacktestStatus,
) -> None:
    backtest = created(status=status)

    assert backtest.status is status
    assert (backtest.created_at, backtest.updated_at) == (T0, T0)


def test_a_backtest_is_never_created_queued() -> None:
    with pytest.raises(RuleViolated) as raised:
        created(status=BacktestStatus.QUEUED)

    assert raised.value.field == "status"


def test_results_come_with_a_run_that_reached_them() -> None:
    assert created(status=BacktestStatus.COMPLETED, results={"x": 1}).results == {"x": 1}
    with pytest.raises(Conflict, match="pending backtest has no results"):
        created(results={"x": 1})


def test_a_client_writes_amounts_of_at_most_ten_places() -> None:
    with pytest.raises(RuleViolated) as raised:
        created(initial_capital="1.12345678901")

    assert raised.value.field == "initial_capital"


def trade_draft(**overrides: Any) -> TradeDraft:
    fields: dict[str, Any] = {
        "backtest_id": fixed_uuid(3),
        "side": Side.LONG,
        "quantity": 1.5,
        "entry_time": T0,
        "entry_price": "100.25",
        "exit_time": T0 + timedelta(hours=1),
        "exit_price": 101.75,
        "commission": 0,
    }
    fields.update(overrides)
    return TradeDraft(**fields)


def recorded(**overrides: Any) -> Trade:
    return Trade.record(fixed_uuid(4), fixed_uuid(2), trade_draft(**overrides), Symbol("BTC"), T0)


def test_a_recorded_trade_reads_floats_as_written_and_takes_the_backtests_symbol() -> None:
    trade = recorded()

    assert (trade.quantity, trade.entry_price, trade.exit_price) == (
        Decimal("1.5"),
        Decimal("100.25"),
        Decimal("101.75"),
    )
    assert trade.symbol == Symbol("BTC")
    assert recorded(symbol="eth").symbol == Symbol("ETH")


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"quantity": "0.000000000001"}, "quantity"),
        ({"entry_price": float("nan")}, "entry_price"),
        ({"exit_price": -1}, "exit_price"),
        ({"commission": "-0.5"}, "commission"),
        ({"pnl": "1e15"}, "pnl"),
        ({"notes": "n" * 4001}, "notes"),
    ],
)
def test_a_recorded_trade_refuses_what_a_client_may_not_write(
    overrides: dict[str, Any], field: str
) -> None:
    with pytest.raises(RuleViolated) as raised:
        recorded(**overrides)

    assert raised.value.field == field
