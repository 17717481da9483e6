"""Values the schema cannot hold are RuleViolated in every implementation, never a driver error.

The entities validate first (tests/unit/test_entity_rules.py); these are the last line, and keep
the twin as strict as the database (a NUL character or a NaN must not pass the twin and then
fail in production). What an entity's constructor refuses is set around it (`unchecked`), as a
row written past the domain would be.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from decimal import Decimal
from typing import Any, TypeVar
from uuid import uuid4

import pytest

from core.domain.backtest import BacktestStatus, RunState
from core.domain.errors import RuleViolated
from core.domain.trade import TradeSource
from core.ports.unit_of_work import UnitOfWork
from tests.contract.conftest import UowFactory
from tests.support.builders import a_backtest, a_definition, a_profile, a_strategy, a_trade

Write = Callable[[UnitOfWork, uuid.UUID], Awaitable[object]]
E = TypeVar("E")


def unchecked(entity: E, **fields: Any) -> E:
    """The entity with values its constructor would refuse."""
    for name, value in fields.items():
        object.__setattr__(entity, name, value)
    return entity


def backtest(**fields: Any) -> Write:
    return lambda tx, _: tx.backtests.add(a_backtest(**fields))


def run(**fields: Any) -> Write:
    state = RunState(uuid4(), **fields)
    return backtest(status=BacktestStatus.RUNNING, run=state)


def trade(**fields: Any) -> Write:
    return lambda tx, backtest_id: tx.trades.add_many([a_trade(None, backtest_id, **fields)])


def unchecked_backtest(**fields: Any) -> Write:
    return lambda tx, _: tx.backtests.add(unchecked(a_backtest(), **fields))


def unchecked_trade(**fields: Any) -> Write:
    return lambda tx, backtest_id: tx.trades.add_many(
        [unchecked(a_trade(None, backtest_id), **fields)]
    )


def unchecked_strategy(**fields: Any) -> Write:
    return lambda tx, _: tx.strategies.add(unchecked(a_strategy(), **fields))


def strategy(**fields: Any) -> Write:
    return lambda tx, _: tx.strategies.add(a_strategy(**fields))


def profile(**fields: Any) -> Write:
    return lambda tx, _: tx.users.upsert(a_profile(**fields))


REFUSED: dict[str, Write] = {
    "an empty backtest name": unchecked_backtest(name=""),
    "a backtest name over 200 characters": unchecked_backtest(name="x" * 201),
    "a NUL character in a backtest name": backtest(name="a\x00b"),
    "a capital of zero": unchecked_backtest(
        definition=unchecked(a_definition(), initial_capital=Decimal(0))
    ),
    "NaN in results": backtest(results={"sharpe": float("nan")}),
    "Infinity in parameters": backtest(parameters={"stop": float("inf")}),
    "a NUL character in a JSON key": backtest(parameters={"a\x00": 1}),
    "a value JSON cannot hold": backtest(parameters={"size": Decimal("1.5")}),
    "NaN in execution settings": backtest(execution={"slippage": float("nan")}),
    "a run progress above one": run(progress=1.5),
    "a negative run progress": run(progress=-0.25),
    "a NaN run progress": run(progress=float("nan")),
    "a negative number of run attempts": run(attempts=-1),
    "more run attempts than an integer column holds": run(attempts=2**31),
    "a NUL character in a run error": run(error="failed\x00"),
    "a quantity of zero": unchecked_trade(quantity=Decimal(0)),
    "a negative entry price": unchecked_trade(entry_price=Decimal(-1)),
    "a negative commission": unchecked_trade(commission=Decimal("-0.01")),
    "a NUL character in trade notes": trade(notes="\x00"),
    "NaN in engine trade details": trade(source=TradeSource.ENGINE, details={"mae": float("nan")}),
    "a value JSON cannot hold in trade details": trade(details={"at": Decimal("1.5")}),
    "a strategy name over 200 characters": unchecked_strategy(name="s" * 201),
    "a NUL character in a strategy description": strategy(description="\x00"),
    "a NUL character in a JSON string": strategy(parameters={"note": "a\x00"}),
    "a lone surrogate in a strategy name": strategy(name="\ud800"),
    "a lone surrogate in a JSON string": strategy(parameters={"note": "\udfff"}),
    "a NUL character in a rule text": strategy(kind="rules", rules={"entry": "close\x00"}),
    "a NUL character in an email": profile(email="a\x00@example.com"),
}


@pytest.mark.parametrize("write", REFUSED.values(), ids=REFUSED.keys())
async def test_a_value_the_schema_cannot_hold_is_refused(uow: UowFactory, write: Write) -> None:
    holder = a_backtest()
    async with uow() as tx:
        await tx.backtests.add(holder)
        await tx.commit()

    with pytest.raises(RuleViolated):
        async with uow() as tx:
            await write(tx, holder.id)
            await tx.commit()
