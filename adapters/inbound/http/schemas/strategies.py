"""Strategy template bodies."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from adapters.inbound.http.schemas.common import json_object, name_field
from core.domain.rules.kinds import KINDS, RULES_KIND
from core.domain.rules.limits import MAX_RULE_CHARS
from core.domain.text import KIND_MAX, TEXT_MAX

RULE_NAMES = ("entry", "exit", "short_entry", "short_exit")


def kind_field(**kwargs: Any) -> fields.String:
    return fields.String(
        validate=validate.Length(min=1, max=KIND_MAX),
        metadata={
            "description": f"One of {', '.join([*KINDS, RULES_KIND])} (GET /strategies/kinds); "
            f"'{RULES_KIND}' runs the template's own rules. Defaults to '{RULES_KIND}' "
            "when rules are sent.",
            "example": "sma_crossover",
        },
        **kwargs,
    )


class RulesSchema(Schema):
    """Rule texts in the strategy rules language; entry and exit are required."""

    entry = fields.String(
        required=True,
        validate=validate.Length(min=1, max=MAX_RULE_CHARS),
        metadata={"example": "crosses_above(sma(close, 10), sma(close, 40))"},
    )
    exit = fields.String(
        required=True,
        validate=validate.Length(min=1, max=MAX_RULE_CHARS),
        metadata={"example": "crosses_below(sma(close, 10), sma(close, 40))"},
    )
    short_entry = fields.String(validate=validate.Length(min=1, max=MAX_RULE_CHARS))
    short_exit = fields.String(validate=validate.Length(min=1, max=MAX_RULE_CHARS))


class TemplateSchema(Schema):
    """What runs: a kind with its parameters, or rules."""

    kind = kind_field()
    parameters = json_object(load_default=dict, metadata={"example": {"fast": 10, "slow": 40}})
    rules = fields.Nested(RulesSchema, allow_none=True)


class StrategyCreateSchema(TemplateSchema):
    name = name_field(required=True, metadata={"description": "Unique per user, ignoring case."})
    description = fields.String(allow_none=True, validate=validate.Length(max=TEXT_MAX))


class StrategyUpdateSchema(Schema):
    name = name_field()
    kind = kind_field()
    description = fields.String(allow_none=True, validate=validate.Length(max=TEXT_MAX))
    parameters = json_object()
    rules = fields.Nested(RulesSchema)

    @validates_schema
    def not_empty(self, data: dict[str, Any], **_: Any) -> None:
        if not data:
            raise ValidationError("send at least one field to change")


class StrategySchema(Schema):
    id = fields.UUID(required=True)
    user_id = fields.UUID(required=True)
    name = fields.String(required=True)
    kind = fields.String(required=True)
    description = fields.String(allow_none=True, required=True)
    parameters = json_object(required=True)
    rules = fields.Nested(RulesSchema, allow_none=True, required=True)
    created_at = fields.AwareDateTime(required=True)
    updated_at = fields.AwareDateTime(required=True)


class StrategyPageSchema(Schema):
    items = fields.List(fields.Nested(StrategySchema), required=True)
    next_cursor = fields.String(allow_none=True, required=True)


class ValidatedTemplateSchema(Schema):
    valid = fields.Boolean(required=True, metadata={"description": "Always true on 200."})
    kind = fields.String(required=True)
    rules = fields.List(
        fields.String(validate=validate.OneOf(RULE_NAMES)),
        required=True,
        metadata={"description": "Which rules the template has."},
    )
    warmup = fields.Integer(
        required=True,
        metadata={"description": "Bars before every indicator has a value (none act sooner)."},
    )


class KindParameterSchema(Schema):
    name = fields.String(required=True)
    type = fields.String(required=True, validate=validate.OneOf(["int", "float"]))
    default = fields.Float(required=True)
    minimum = fields.Float(required=True)
    maximum = fields.Float(required=True)
    description = fields.String(required=True)


class KindSchema(Schema):
    name = fields.String(required=True)
    description = fields.String(required=True)
    parameters = fields.List(fields.Nested(KindParameterSchema), required=True)
    constraints = fields.List(
        fields.String(), required=True, metadata={"description": "e.g. 'fast < slow'."}
    )
    rules = fields.Dict(keys=fields.String(), values=fields.String(), required=True)
    short_rules = fields.Dict(keys=fields.String(), values=fields.String(), required=True)
    entry_once = fields.Boolean(required=True)


class KindListSchema(Schema):
    items = fields.List(fields.Nested(KindSchema), required=True)
