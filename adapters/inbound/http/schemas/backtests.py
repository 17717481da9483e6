"""Backtest bodies and query strings."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from adapters.inbound.http.schemas.common import (
    Day,
    PageQuerySchema,
    field_errors,
    json_object,
    name_field,
    timeframe_field,
)
from core.domain.amounts import MAX_AMOUNT
from core.domain.backtest import BacktestStatus
from core.domain.backtest_definition import DEFAULT_TIMEFRAME
from core.domain.values import SYMBOL_PATTERN, DateRange

STATUSES = [status.value for status in BacktestStatus]
# `queued` comes only from POST .../run; a client cannot set it.
SETTABLE_STATUSES = [status for status in STATUSES if status != BacktestStatus.QUEUED]


def capital_field(**kwargs: Any) -> fields.Decimal:
    return fields.Decimal(
        allow_nan=False,
        as_string=False,
        validate=validate.Range(
            min=0, max=float(MAX_AMOUNT), min_inclusive=False, max_inclusive=False
        ),
        metadata={"type": "number", "example": 10000, **kwargs.pop("metadata", {})},
        **kwargs,
    )


def symbol_field(**kwargs: Any) -> fields.String:
    return fields.String(
        validate=validate.Regexp(SYMBOL_PATTERN, error="1-32 letters, digits or . _ - /"),
        metadata={"example": "BTC", **kwargs.pop("metadata", {})},
        **kwargs,
    )


class ExecutionSchema(Schema):
    """How the server runs the backtest (fractions, not percents); see the execution model."""

    commission = fields.Float(
        validate=validate.Range(min=0, max=0.1, max_inclusive=False),
        metadata={"description": "Fraction of traded value, charged at entry and at exit."},
    )
    spread = fields.Float(
        validate=validate.Range(min=0, max=0.1, max_inclusive=False),
        metadata={"description": "Fraction of the price against the trader at entry."},
    )
    size = fields.Float(
        allow_none=True,
        validate=validate.Range(min=0, max=1, min_inclusive=False),
        metadata={"description": "Fraction of equity per entry; null or 1 = all in."},
    )
    allow_short = fields.Boolean(
        metadata={"description": "Without it a short_entry signal only closes a long."}
    )
    stop_loss = fields.Float(
        allow_none=True,
        validate=validate.Range(min=0, max=1, min_inclusive=False, max_inclusive=False),
        metadata={"description": "Exit this fraction below (short: above) the signal close."},
    )
    take_profit = fields.Float(
        allow_none=True,
        validate=validate.Range(min=0, min_inclusive=False, max=1000),
        metadata={"description": "Exit this fraction above (short: below) the signal close."},
    )
    fractional = fields.Boolean(
        metadata={"description": "Trade fractional units instead of whole ones."}
    )


class _DatesInOrder(Schema):
    @validates_schema
    def end_not_before_start(self, data: dict[str, Any], **_: Any) -> None:
        start, end = data.get("start_date"), data.get("end_date")
        if start is not None and end is not None:
            with field_errors():
                DateRange(start, end)


class BacktestCreateSchema(_DatesInOrder):
    name = name_field(required=True, metadata={"example": "My First Backtest"})
    strategy = name_field(
        metadata={
            "description": "Strategy name; defaults to the template's when strategy_id is given.",
            "example": "Moving Average Crossover",
        }
    )
    strategy_id = fields.UUID(
        allow_none=True, metadata={"description": "A saved strategy template of the caller."}
    )
    symbol = symbol_field(required=True)
    start_date = Day(required=True, metadata={"example": "2023-01-01"})
    end_date = Day(required=True, metadata={"example": "2023-12-31", "description": "Inclusive."})
    initial_capital = capital_field(required=True)
    timeframe = timeframe_field(load_default=DEFAULT_TIMEFRAME)
    parameters = json_object(
        load_default=dict,
        metadata={"description": "Strategy parameters; merged over the template's."},
    )
    status = fields.String(
        validate=validate.OneOf(SETTABLE_STATUSES),
        load_default=BacktestStatus.PENDING.value,
        metadata={"description": "Start state; a run executed elsewhere may be recorded as is."},
    )
    results = json_object(
        allow_none=True, metadata={"description": "Not allowed with pending or cancelled."}
    )
    execution = fields.Nested(ExecutionSchema, load_default=dict)


class BacktestUpdateSchema(_DatesInOrder):
    """Every field optional: only what is sent changes."""

    name = name_field()
    strategy = name_field()
    strategy_id = fields.UUID(allow_none=True)
    symbol = symbol_field()
    start_date = Day()
    end_date = Day()
    initial_capital = capital_field()
    timeframe = timeframe_field()
    parameters = json_object()
    status = fields.String(
        validate=validate.OneOf(SETTABLE_STATUSES),
        metadata={
            "description": "pending → running | cancelled; running → completed | failed | "
            "cancelled; completed, failed or cancelled → pending (queue again, drops results)."
        },
    )
    results = json_object(metadata={"description": "Recorded on a running or finished backtest."})
    execution = fields.Nested(ExecutionSchema)

    @validates_schema
    def not_empty(self, data: dict[str, Any], **_: Any) -> None:
        if not data:
            raise ValidationError("send at least one field to change")


class BacktestSchema(Schema):
    id = fields.UUID(required=True)
    user_id = fields.UUID(required=True)
    name = fields.String(required=True)
    strategy = fields.String(required=True)
    strategy_id = fields.UUID(allow_none=True, required=True)
    symbol = fields.String(required=True)
    start_date = fields.Date(required=True)
    end_date = fields.Date(required=True)
    initial_capital = fields.Float(required=True)
    timeframe = fields.String(required=True)
    parameters = json_object(required=True)
    status = fields.String(required=True, validate=validate.OneOf(STATUSES))
    results = json_object(allow_none=True, required=True)
    execution = fields.Nested(ExecutionSchema, required=True)
    progress = fields.Float(
        allow_none=True,
        required=True,
        metadata={"description": "0..1 while the server runs it; null when never run here."},
    )
    error = fields.String(
        allow_none=True,
        required=True,
        metadata={"description": "Why the server's last run failed."},
    )
    created_at = fields.AwareDateTime(required=True)
    updated_at = fields.AwareDateTime(required=True)


class BacktestPageSchema(Schema):
    items = fields.List(fields.Nested(BacktestSchema), required=True)
    next_cursor = fields.String(allow_none=True, required=True)


class BacktestListQuerySchema(PageQuerySchema):
    status = fields.String(validate=validate.OneOf(STATUSES))
    symbol = symbol_field()
