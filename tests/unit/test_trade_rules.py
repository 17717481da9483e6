from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.domain.errors import RuleViolated
from core.domain.trade import Side, Trade
from core.domain.values import Symbol
from tests.support.ids import fixed_uuid

ENTRY = datetime(2023, 3, 1, 12, 0, tzinfo=UTC)
prices = st.decimals(min_value=Decimal("0.01"), max_value=Decimal(100000), places=2)
quantities = st.decimals(min_value=Decimal("0.001"), max_value=Decimal(1000), places=3)


def a_trade(**overrides: object) -> Trade:
    fields: dict[str, object] = {
        "id": fixed_uuid(1),
        "owner_id": fixed_uuid(2),
        "backtest_id": fixed_uuid(3),
        "symbol": Symbol("BTC"),
        "side": Side.LONG,
        "quantity": Decimal(2),
        "entry_time": ENTRY,
        "entry_price": Decimal(100),
        "created_at": ENTRY,
    }
    fields.update(overrides)
    return Trade(**fields)  # type: ignore[arg-type]


def test_a_closed_long_trade_earns_the_rise_times_quantity_less_commission() -> None:
    trade = a_trade(
        exit_time=ENTRY + timedelta(hours=1), exit_price=Decimal(110), commission=Decimal(1)
    )

    assert trade.pnl == Decimal(19)


def test_a_closed_short_trade_earns_the_fall() -> None:
    trade = a_trade(side=Side.SELL, exit_time=ENTRY, exit_price=Decimal(90))

    assert trade.pnl == Decimal(20)


def test_a_given_pnl_is_kept_as_sent() -> None:
    trade = a_trade(exit_time=ENTRY, exit_price=Decimal(110), pnl=Decimal("-3.5"))

    assert trade.pnl == Decimal("-3.5")


def test_an_open_trade_has_no_pnl() -> None:
    assert a_trade().pnl is None


@given(prices, prices, quantities, st.sampled_from(list(Side)))
def test_opposite_sides_of_the_same_move_have_opposite_pnl(
    entry: Decimal, exit_: Decimal, quantity: Decimal, side: Side
) -> None:
    opposite = {Side.LONG: Side.SHORT, Side.SHORT: Side.LONG, Side.BUY: Side.SELL}.get(
        side, Side.BUY
    )
    one = a_trade(
        side=side, quantity=quantity, entry_price=entry, exit_time=ENTRY, exit_price=exit_
    )
    other = a_trade(
        side=opposite, quantity=quantity, entry_price=entry, exit_time=ENTRY, exit_price=exit_
    )

    assert one.pnl == -other.pnl  # type: ignore[operator]


def test_an_exit_before_the_entry_is_refused() -> None:
    with pytest.raises(RuleViolated, match="exit_time"):
        a_trade(exit_time=ENTRY - timedelta(minutes=1), exit_price=Decimal(1))


def test_an_exit_time_without_a_price_is_refused() -> None:
    with pytest.raises(RuleViolated, match="come together") as raised:
        a_trade(exit_time=ENTRY)

    assert raised.value.field == "exit_price"


def test_an_exit_price_without_a_time_is_refused() -> None:
    with pytest.raises(RuleViolated, match="come together"):
        a_trade(exit_price=Decimal(1))


def test_a_naive_exit_time_is_refused_before_it_is_compared() -> None:
    with pytest.raises(RuleViolated, match="time zone") as raised:
        a_trade(exit_time=datetime(2023, 3, 1, 13, 0), exit_price=Decimal(1))

    assert raised.value.field == "exit_time"


def test_a_naive_entry_time_is_refused() -> None:
    with pytest.raises(RuleViolated, match="time zone"):
        a_trade(entry_time=datetime(2023, 1, 1))
