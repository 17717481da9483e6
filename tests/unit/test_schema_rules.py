"""The body schemas refuse what the domain refuses, in the domain's words, on the same field."""

from __future__ import annotations

from typing import Any

import pytest
from marshmallow import ValidationError

from adapters.inbound.http.schemas.backtests import BacktestCreateSchema, BacktestUpdateSchema
from adapters.inbound.http.schemas.trades import TradeCreateSchema, TradesBodySchema
from core.domain.values import SYMBOL_PATTERN

BACKTEST = {
    "name": "First",
    "strategy": "SMA",
    "symbol": "BTC",
    "start_date": "2023-01-01",
    "end_date": "2023-12-31",
    "initial_capital": 1000,
}
TRADE = {
    "backtest_id": "00000000-0000-0000-0000-000000000001",
    "side": "long",
    "quantity": 1,
    "entry_time": "2023-03-01T10:00:00Z",
    "entry_price": 100,
    "exit_time": "2023-03-01T11:00:00Z",
    "exit_price": 101,
}


def errors_of(schema: Any, body: Any) -> dict[Any, Any]:
    with pytest.raises(ValidationError) as raised:
        schema.load(body)
    return raised.value.normalized_messages()


@pytest.mark.parametrize("schema", [BacktestCreateSchema(), BacktestUpdateSchema()])
def test_dates_out_of_order_are_the_domains_date_range_error(schema: Any) -> None:
    body = {**BACKTEST, "start_date": "2023-02-01", "end_date": "2023-01-31"}

    assert errors_of(schema, body) == {"end_date": ["end_date must not be before start_date"]}


@pytest.mark.parametrize(
    ("changes", "errors"),
    [
        (
            {"exit_time": "2023-03-01T09:00:00Z"},
            {"exit_time": ["exit_time must not be before entry_time"]},
        ),
        (
            {"exit_time": "2023-03-01T09:00:00Z", "exit_price": None},
            {"exit_time": ["exit_time must not be before entry_time"]},
        ),
        (
            {"exit_price": None},
            {"exit_price": ["exit_time and exit_price come together or not at all"]},
        ),
        (
            {"exit_time": None},
            {"exit_price": ["exit_time and exit_price come together or not at all"]},
        ),
    ],
)
def test_a_trade_closes_after_it_opens_with_a_time_and_a_price(
    changes: dict[str, Any], errors: dict[str, Any]
) -> None:
    assert errors_of(TradeCreateSchema(), {**TRADE, **changes}) == errors


def test_the_symbol_field_writes_the_domains_pattern_into_the_document() -> None:
    validators = BacktestCreateSchema().fields["symbol"].validators

    assert [v.regex.pattern for v in validators] == [SYMBOL_PATTERN]


def test_a_trades_body_loads_an_object_as_one_trade_and_an_array_as_a_list() -> None:
    schema = TradesBodySchema()

    one = schema.load(TRADE)
    many = schema.load([TRADE, {**TRADE, "side": "short"}])

    assert one["side"] == "long"
    assert [trade["side"] for trade in many] == ["long", "short"]


def test_a_trades_body_leaves_how_many_to_the_use_case() -> None:
    assert TradesBodySchema().load([]) == []


def test_a_bad_trade_in_a_list_is_reported_at_its_index() -> None:
    errors = errors_of(TradesBodySchema(), [TRADE, {**TRADE, "quantity": 0}])

    assert list(errors) == [1]
    assert list(errors[1]) == ["quantity"]
