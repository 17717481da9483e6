"""An invalid entity cannot exist: each constructor refuses what breaks a rule, naming the field."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest

from core.domain.errors import RuleViolated
from core.domain.trade import TradeSource
from tests.support.builders import T0, a_backtest, a_definition, a_strategy, a_trade

REFUSED: dict[str, tuple[Callable[[], Any], str, str]] = {
    "a blank backtest name": (lambda: a_backtest(name=" \t"), "name", "must not be blank"),
    "a backtest name over 200 characters": (
        lambda: a_backtest(name="x" * 201),
        "name",
        "at most 200 characters",
    ),
    "a blank strategy name": (lambda: a_definition(strategy=""), "strategy", "must not be blank"),
    "a capital of zero": (
        lambda: a_definition(initial_capital=0),
        "initial_capital",
        "greater than zero",
    ),
    "a NaN capital": (
        lambda: a_definition(initial_capital="NaN"),
        "initial_capital",
        "finite",
    ),
    "a quantity of zero": (
        lambda: a_trade(quantity=Decimal(0)),
        "quantity",
        "greater than zero",
    ),
    "a negative quantity": (
        lambda: a_trade(quantity=Decimal(-1)),
        "quantity",
        "greater than zero",
    ),
    "a negative entry price": (
        lambda: a_trade(entry_price=Decimal("-0.5")),
        "entry_price",
        "greater than zero",
    ),
    "an exit price of zero": (
        lambda: a_trade(exit_price=Decimal(0)),
        "exit_price",
        "greater than zero",
    ),
    "a negative commission": (
        lambda: a_trade(commission=Decimal("-0.01")),
        "commission",
        "must not be negative",
    ),
    "notes over 4000 characters": (lambda: a_trade(notes="n" * 4001), "notes", "at most 4000"),
    "a blank template name": (lambda: a_strategy(name="  "), "name", "must not be blank"),
    "a template kind over 100 characters": (
        lambda: a_strategy(kind="k" * 101),
        "kind",
        "at most 100 characters",
    ),
    "a template description over 4000 characters": (
        lambda: a_strategy(description="d" * 4001),
        "description",
        "at most 4000 characters",
    ),
}


@pytest.mark.parametrize(("build", "field", "message"), REFUSED.values(), ids=REFUSED.keys())
def test_an_entity_that_breaks_a_rule_cannot_be_built(
    build: Callable[[], Any], field: str, message: str
) -> None:
    with pytest.raises(RuleViolated, match=message) as raised:
        build()

    assert raised.value.field == field


def test_names_and_notes_are_kept_trimmed() -> None:
    backtest = a_backtest(name="  Breakout ", strategy=" SMA\n")
    strategy = a_strategy(name=" Alpha ", kind=" sma_crossover ", description="  ")
    trade = a_trade(notes="  first  ")

    assert (backtest.name, backtest.definition.strategy) == ("Breakout", "SMA")
    assert (strategy.name, strategy.kind, strategy.description) == (
        "Alpha",
        "sma_crossover",
        None,
    )
    assert trade.notes == "first"


def test_a_rename_is_checked_like_a_new_name() -> None:
    backtest = a_backtest(name="Kept")

    with pytest.raises(RuleViolated):
        backtest.rename("   ", T0 + timedelta(seconds=1))

    assert backtest.name == "Kept"


def test_a_revision_that_breaks_a_rule_changes_nothing() -> None:
    strategy = a_strategy(name="Alpha", kind="custom", description="kept")

    with pytest.raises(RuleViolated) as raised:
        strategy.revise(T0 + timedelta(seconds=1), name="Beta", kind=" ", description=None)

    assert raised.value.field == "kind"
    assert (strategy.name, strategy.kind, strategy.description) == ("Alpha", "custom", "kept")
    assert strategy.updated_at == T0


def test_an_engine_trade_keeps_the_places_of_its_floats() -> None:
    """A client writes at most 10 places; a server run records the engine's float exactly."""
    price = Decimal(repr(0.1 + 0.2))

    trade = a_trade(entry_price=price, exit_price=price, source=TradeSource.ENGINE)

    assert trade.entry_price == Decimal("0.30000000000000004")
