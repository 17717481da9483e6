"""Schemas shared by several resources: pages, problems, path ids."""

from __future__ import annotations

from typing import Any

from marshmallow import EXCLUDE, Schema, ValidationError, fields, validate

from core.domain.errors import RuleViolated
from core.domain.pagination import DEFAULT_LIMIT, MAX_LIMIT
from core.domain.timeframe import ALLOWED_FORMS, Timeframe
from core.use_cases.limits import NAME_MAX

JSON_OBJECT = fields.Dict(keys=fields.String())


def json_object(**kwargs: Any) -> fields.Dict:
    return fields.Dict(keys=fields.String(), **kwargs)


def name_field(**kwargs: Any) -> fields.String:
    return fields.String(validate=validate.Length(min=1, max=NAME_MAX), **kwargs)


def validate_timeframe(value: str) -> None:
    try:
        Timeframe.parse(value)
    except RuleViolated as error:
        raise ValidationError(error.detail) from None


def timeframe_field(**kwargs: Any) -> fields.String:
    return fields.String(
        validate=validate_timeframe,
        metadata={
            "description": f"Bar length: {ALLOWED_FORMS}.",
            "example": "1h",
            **kwargs.pop("metadata", {}),
        },
        **kwargs,
    )


class QuerySchema(Schema):
    """Query strings ignore parameters they do not know (cache busters, tracking tags)."""

    class Meta:
        unknown = EXCLUDE


class PageQuerySchema(QuerySchema):
    limit = fields.Integer(
        load_default=DEFAULT_LIMIT,
        validate=validate.Range(min=1, max=MAX_LIMIT),
        metadata={"description": f"Items per page, at most {MAX_LIMIT}."},
    )
    cursor = fields.String(
        validate=validate.Length(max=200),
        metadata={"description": "The next_cursor of the previous page."},
    )


class ProblemSchema(Schema):
    """RFC 9457 problem details."""

    type = fields.String(required=True, metadata={"example": "urn:backtest-api:problem:not-found"})
    title = fields.String(required=True)
    status = fields.Integer(required=True)
    detail = fields.String()
    errors = fields.Dict(
        keys=fields.String(),
        metadata={"description": "Field name to the list of its errors (validation only)."},
    )
    request_id = fields.String(metadata={"description": "Present on 500 answers."})


class BacktestIdSchema(Schema):
    backtest_id = fields.UUID(required=True)


class StrategyIdSchema(Schema):
    strategy_id = fields.UUID(required=True)
