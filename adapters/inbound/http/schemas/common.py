"""Schemas shared by several resources: pages, problems, path ids."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import orjson
from marshmallow import EXCLUDE, Schema, ValidationError, fields, validate

from core.domain.errors import RuleViolated
from core.domain.pagination import DEFAULT_LIMIT, MAX_LIMIT
from core.domain.text import NAME_MAX
from core.domain.timeframe import ALLOWED_FORMS, Timeframe
from core.domain.values import SUPPORTED_DATES, supported_day, supported_instant

# A stored JSON object (parameters, results) stays small enough to list a page of them.
JSON_OBJECT_MAX_BYTES = 65_536
DATE_FORMS = f"a date (YYYY-MM-DD) or an ISO 8601 datetime (no offset: UTC), {SUPPORTED_DATES}"


@contextmanager
def field_errors() -> Iterator[None]:
    """A domain rule broken while a body is read, as marshmallow's error on the same field."""
    try:
        yield
    except RuleViolated as error:
        raise ValidationError(error.detail, error.field or "_schema") from None


def _fits(value: dict[str, Any]) -> None:
    size = len(orjson.dumps(value))
    if size > JSON_OBJECT_MAX_BYTES:
        raise ValidationError(
            f"is {size} bytes as JSON; at most {JSON_OBJECT_MAX_BYTES} bytes are stored"
        )


def json_object(**kwargs: Any) -> fields.Dict:
    """A JSON object of at most JSON_OBJECT_MAX_BYTES (its values are checked by json_values)."""
    metadata = dict(kwargs.pop("metadata", {}))
    limit = f"A JSON object of at most {JSON_OBJECT_MAX_BYTES} bytes."
    metadata["description"] = f"{metadata.get('description', '')} {limit}".strip()
    return fields.Dict(keys=fields.String(), validate=_fits, metadata=metadata, **kwargs)


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


def _described(kwargs: dict[str, Any], text: str) -> dict[str, Any]:
    metadata = dict(kwargs.pop("metadata", {}))
    metadata["description"] = f"{metadata.get('description', '')} {text}".strip()
    return metadata


class Instant(fields.AwareDateTime):
    """An ISO 8601 time in the supported calendar; no offset means UTC unless told otherwise."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("default_timezone", UTC)
        metadata = _described(kwargs, f"A time {SUPPORTED_DATES}.")
        super().__init__(metadata=metadata, **kwargs)

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> datetime:
        moment = super()._deserialize(value, attr, data, **kwargs)
        try:
            return supported_instant(moment, attr or "time")
        except RuleViolated as error:
            raise ValidationError(error.detail) from None


class Day(fields.Date):
    """An ISO 8601 date (YYYY-MM-DD) in the supported calendar."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(metadata=_described(kwargs, f"A date {SUPPORTED_DATES}."), **kwargs)

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> date:
        day = super()._deserialize(value, attr, data, **kwargs)
        try:
            return supported_day(day, attr or "date")
        except RuleViolated as error:
            raise ValidationError(error.detail) from None


class Moment(fields.Field):
    """A date or a datetime; an end date means the end of that day."""

    def __init__(self, *, end: bool = False, **kwargs: Any) -> None:
        metadata = {"type": "string", "description": DATE_FORMS, **kwargs.pop("metadata", {})}
        super().__init__(metadata=metadata, **kwargs)
        self.end = end

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> datetime:
        if not isinstance(value, str):
            raise ValidationError(f"expected {DATE_FORMS}")
        text = value.strip()
        try:
            if len(text) == 10:
                day = supported_day(date.fromisoformat(text), attr or "date")
                moment = datetime.combine(day, time(), UTC)
                return moment + timedelta(days=1) if self.end else moment
            return supported_instant(datetime.fromisoformat(text), attr or "date")
        except RuleViolated as error:
            raise ValidationError(error.detail) from None
        except ValueError:
            raise ValidationError(f"expected {DATE_FORMS}, not {value[:40]!r}") from None


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
        metadata={
            "description": "The next_cursor of the previous page; anything else is refused (422)."
        },
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
