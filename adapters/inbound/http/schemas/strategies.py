"""Strategy template bodies."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from adapters.inbound.http.schemas.common import json_object, name_field
from core.use_cases.limits import KIND_MAX, TEXT_MAX


def kind_field(**kwargs: Any) -> fields.String:
    return fields.String(
        validate=validate.Length(min=1, max=KIND_MAX),
        metadata={"example": "moving_average_crossover"},
        **kwargs,
    )


class StrategyCreateSchema(Schema):
    name = name_field(required=True, metadata={"description": "Unique per user, ignoring case."})
    kind = kind_field(load_default="custom")
    description = fields.String(allow_none=True, validate=validate.Length(max=TEXT_MAX))
    parameters = json_object(load_default=dict)


class StrategyUpdateSchema(Schema):
    name = name_field()
    kind = kind_field()
    description = fields.String(allow_none=True, validate=validate.Length(max=TEXT_MAX))
    parameters = json_object()

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
    created_at = fields.AwareDateTime(required=True)
    updated_at = fields.AwareDateTime(required=True)


class StrategyPageSchema(Schema):
    items = fields.List(fields.Nested(StrategySchema), required=True)
    next_cursor = fields.String(allow_none=True, required=True)
