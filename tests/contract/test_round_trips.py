"""Any valid entity comes back from storage equal in every field, with its times in UTC."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime, timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings

from core.domain.backtest import Backtest
from core.domain.backtest_result import BacktestResult
from core.domain.pagination import PageRequest
from core.domain.strategy import Strategy
from core.domain.trade import Trade
from core.domain.users import UserProfile
from tests.contract.conftest import Storage
from tests.contract.generators import backtests, profiles, results, strategies, trades
from tests.support.builders import a_backtest

# Each example empties the storage first: shrinking a failure then stays quick.
round_trips = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def times_in(value: Any) -> list[datetime]:
    if isinstance(value, datetime):
        return [value]
    if isinstance(value, dict):
        return [t for item in value.values() for t in times_in(item)]
    return []


def assert_same(found: object, original: object) -> None:
    assert asdict(found) == asdict(original)  # type: ignore[call-overload]
    assert all(t.utcoffset() == timedelta(0) for t in times_in(asdict(found)))  # type: ignore[call-overload]


@round_trips
@given(backtest=backtests())
async def test_any_backtest_round_trips(uow: Storage, backtest: Backtest) -> None:
    await uow.clear()
    async with uow() as tx:
        await tx.backtests.add(backtest)
        await tx.commit()

    async with uow() as tx:
        found = await tx.backtests.get(backtest.owner_id, backtest.id)
        listed = await tx.backtests.list(backtest.owner_id, PageRequest())

    assert_same(found, backtest)
    assert_same(listed.items[0], backtest)


@round_trips
@given(trade=trades())
async def test_any_trade_round_trips(uow: Storage, trade: Trade) -> None:
    await uow.clear()
    async with uow() as tx:
        await tx.backtests.add(a_backtest(trade.owner_id, id=trade.backtest_id))
        await tx.trades.add_many([trade])
        await tx.commit()

    async with uow() as tx:
        page = await tx.trades.list_for_backtest(trade.owner_id, trade.backtest_id, PageRequest())

    assert_same(page.items[0], trade)


@round_trips
@given(strategy=strategies())
async def test_any_strategy_round_trips(uow: Storage, strategy: Strategy) -> None:
    await uow.clear()
    async with uow() as tx:
        await tx.strategies.add(strategy)
        await tx.commit()

    async with uow() as tx:
        found = await tx.strategies.get(strategy.owner_id, strategy.id)

    assert_same(found, strategy)


@round_trips
@given(result=results())
async def test_any_result_round_trips(uow: Storage, result: BacktestResult) -> None:
    await uow.clear()
    async with uow() as tx:
        await tx.backtests.add(a_backtest(result.owner_id, id=result.backtest_id))
        await tx.results.put(result)
        await tx.commit()

    async with uow() as tx:
        found = await tx.results.get(result.owner_id, result.backtest_id)

    assert_same(found, result)


@round_trips
@given(profile=profiles())
async def test_any_profile_round_trips(uow: Storage, profile: UserProfile) -> None:
    await uow.clear()
    async with uow() as tx:
        returned = await tx.users.upsert(profile)
        await tx.commit()

    async with uow() as tx:
        found = await tx.users.get(profile.id)

    assert_same(returned, profile)
    assert_same(found, profile)
