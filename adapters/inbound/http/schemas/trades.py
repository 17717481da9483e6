"""Trade bodies: one trade, or a list stored all together."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from marshmallow import Schema, fields, types, validate, validates_schema

from adapters.inbound.http.schemas.backtests import symbol_field
from adapters.inbound.http.schemas.common import Instant, PageQuerySchema, field_errors
from core.domain.amounts import MAX_AMOUNT
from core.domain.text import TEXT_MAX
from core.domain.trade import Side, check_exit
from core.use_cases.trades.record_trades import MAX_TRADES_PER_REQUEST

SIDES = [side.value for side in Side]
# A float, so the bound can be written into the OpenAPI document.
LIMIT = float(MAX_AMOUNT)


def amount(*, positive: bool = False, signed: bool = False, **kwargs: Any) -> fields.Decimal:
    bounds = (
        validate.Range(min=-LIMIT, max=LIMIT, min_inclusive=False, max_inclusive=False)
        if signed
        else validate.Range(min=0, max=LIMIT, min_inclusive=not positive, max_inclusive=False)
    )
    metadata = {"type": "number", **kwargs.pop("metadata", {})}
    return fields.Decimal(
        allow_nan=False, as_string=False, validate=bounds, metadata=metadata, **kwargs
    )


class TradeCreateSchema(Schema):
    backtest_id = fields.UUID(required=True)
    symbol = symbol_field(metadata={"description": "Defaults to the backtest's symbol."})
    side = fields.String(required=True, validate=validate.OneOf(SIDES))
    quantity = amount(positive=True, required=True)
    entry_time = Instant(
        required=True,
        metadata={"description": "ISO 8601 with an offset; no offset means UTC."},
    )
    entry_price = amount(positive=True, required=True)
    exit_time = Instant(allow_none=True)
    exit_price = amount(positive=True, allow_none=True)
    commission = amount(load_default=0)
    pnl = amount(
        signed=True,
        allow_none=True,
        metadata={"description": "Computed from prices, side and commission when omitted."},
    )
    notes = fields.String(allow_none=True, validate=validate.Length(max=TEXT_MAX))

    @validates_schema
    def exit_after_entry(self, data: dict[str, Any], **_: Any) -> None:
        with field_errors():
            check_exit(data.get("entry_time"), data.get("exit_time"), data.get("exit_price"))


class TradesBodySchema(TradeCreateSchema):
    """One trade (an object) or a list of them (an array), loaded as sent.

    How many a list may hold is the use case's rule; the document states it from there.
    """

    def load(
        self,
        data: Mapping[str, Any] | Sequence[Mapping[str, Any]],
        *,
        many: bool | None = None,
        partial: bool | types.StrSequenceOrSet | None = None,
        unknown: types.UnknownOption | None = None,
    ) -> Any:
        return super().load(data, many=isinstance(data, list), partial=partial, unknown=unknown)


# The request body as documented: aiohttp-apispec can only write one schema per body.
TRADES_BODY_DOC = {
    "required": True,
    "content": {
        "application/json": {
            "schema": {
                "oneOf": [
                    {"$ref": "#/components/schemas/TradeCreate"},
                    {
                        "type": "array",
                        "items": {"$ref": "#/components/schemas/TradeCreate"},
                        "minItems": 1,
                        "maxItems": MAX_TRADES_PER_REQUEST,
                    },
                ]
            }
        }
    },
}


class TradeSchema(Schema):
    id = fields.UUID(required=True)
    backtest_id = fields.UUID(required=True)
    symbol = fields.String(required=True)
    side = fields.String(required=True, validate=validate.OneOf(SIDES))
    quantity = fields.Float(required=True)
    entry_time = fields.AwareDateTime(required=True)
    entry_price = fields.Float(required=True)
    exit_time = fields.AwareDateTime(allow_none=True, required=True)
    exit_price = fields.Float(allow_none=True, required=True)
    commission = fields.Float(required=True)
    pnl = fields.Float(allow_none=True, required=True)
    notes = fields.String(allow_none=True, required=True)
    source = fields.String(
        required=True,
        validate=validate.OneOf(["manual", "engine"]),
        metadata={"description": "engine: written by a server run; manual: sent by a client."},
    )
    details = fields.Dict(
        keys=fields.String(),
        allow_none=True,
        required=True,
        metadata={
            "description": "Engine trades: entry_bar, exit_bar, return_pct, mae_pct, mfe_pct, "
            "exit_reason (signal, stop_loss, take_profit, end), unrealised_pnl of an open one."
        },
    )
    created_at = fields.AwareDateTime(required=True)


class TradeListSchema(Schema):
    items = fields.List(fields.Nested(TradeSchema), required=True)


class TradePageSchema(TradeListSchema):
    next_cursor = fields.String(allow_none=True, required=True)


class TradePageQuerySchema(PageQuerySchema):
    pass
