"""Market-data query strings and bodies."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from adapters.inbound.http.schemas.backtests import symbol_field
from adapters.inbound.http.schemas.common import Moment, QuerySchema, timeframe_field
from core.domain.candles import SourceResolution
from core.use_cases.market_data.get_candles import MAX_SYMBOLS

FORMATS = ("json", "csv", "arrow")
TIME_FORMATS = ("iso", "epoch_ms")
RULES = (
    "Bars are labelled with the start of their bucket; buckets are left-closed and in UTC. "
    "Minute, hour and day multiples are aligned to the Unix epoch (days start at midnight "
    "UTC), weeks start on Monday 00:00 UTC and 1M is the calendar month. open = first open, "
    "high = max, low = min, close = last close, volume = sum. A bucket with no 1-minute bar "
    "is not emitted. start_date is inclusive; an end_date given as a date includes that whole "
    "day, one given as a datetime is exclusive."
)


class _CandlesFields(Schema):
    start_date = Moment(required=True, metadata={"example": "2023-01-01"})
    end_date = Moment(end=True, required=True, metadata={"example": "2023-01-31"})
    timeframe = timeframe_field(load_default="1d")
    source_resolution = fields.String(
        load_default=SourceResolution.YEARLY.value,
        validate=validate.OneOf([s.value for s in SourceResolution]),
        metadata={"description": "1Y: yearly files (default); 1m: the legacy daily layout."},
    )
    format = fields.String(
        validate=validate.OneOf(FORMATS),
        metadata={"description": "json (default), csv or arrow; or send an Accept header."},
    )
    layout = fields.String(
        load_default="rows",
        validate=validate.OneOf(["rows", "columns"]),
        metadata={"description": "JSON only: one object per candle, or one array per field."},
    )
    time_format = fields.String(
        load_default="iso",
        validate=validate.OneOf(TIME_FORMATS),
        metadata={
            "description": "Candle times as ISO 8601 UTC strings (iso, default) or integer epoch "
            "milliseconds (epoch_ms), in JSON and CSV. Arrow always has timestamp[ms, UTC]."
        },
    )
    limit = fields.Integer(
        validate=validate.Range(min=1),
        metadata={
            "description": "Candles in the whole answer, at most the server's limit "
            "(OHLCV_MAX_CANDLES); several symbols share it evenly."
        },
    )
    cursor = fields.String(
        validate=validate.Length(max=100),
        metadata={
            "description": "Continues a series: next_cursor of a JSON answer, or the "
            "X-Next-Cursor header of any answer of one symbol (absent on the last page). A GET "
            'answer also links the next page (Link: <url>; rel="next"); for POST, send the same '
            "body again with this cursor."
        },
    )

    @validates_schema
    def end_after_start(self, data: dict[str, Any], **_: Any) -> None:
        start, end = data.get("start_date"), data.get("end_date")
        if start is not None and end is not None and end <= start:
            raise ValidationError("end_date must be after start_date", "end_date")


class CandlesQuerySchema(QuerySchema, _CandlesFields):
    symbol = symbol_field(required=True)


class CandlesBodySchema(_CandlesFields):
    symbol = symbol_field()
    symbols = fields.List(
        symbol_field(),
        validate=validate.Length(min=1, max=MAX_SYMBOLS),
        metadata={
            "uniqueItems": True,
            "description": f"1 to {MAX_SYMBOLS} distinct symbols (case does not matter).",
        },
    )

    @validates_schema
    def one_way_to_name_symbols(self, data: dict[str, Any], **_: Any) -> None:
        if ("symbol" in data) == ("symbols" in data):
            raise ValidationError("send either symbol or symbols", "symbol")


class SymbolsQuerySchema(QuerySchema):
    source_resolution = fields.String(
        load_default=SourceResolution.YEARLY.value,
        validate=validate.OneOf([s.value for s in SourceResolution]),
    )


def _described(field: type[fields.Field], text: str, **kwargs: Any) -> fields.Field:
    return field(allow_none=True, metadata={"description": text, **kwargs})


class CoverageSchema(Schema):
    symbol = fields.String(required=True)
    years = fields.List(fields.Integer(), required=True)
    first = _described(
        fields.DateTime, "The first stored 1-minute bar.", example="2024-01-01T23:01:00Z"
    )
    last = _described(
        fields.DateTime, "The last stored 1-minute bar.", example="2024-01-31T23:59:00Z"
    )
    # Kept for older clients; they span whole stored periods, not bars.
    first_date = _described(fields.Date, "January 1 of the first stored year (1m: first day).")
    last_date = _described(fields.Date, "December 31 of the last stored year (1m: last day).")
    days = fields.List(fields.Date(), metadata={"description": "source_resolution=1m only."})


class SymbolsSchema(Schema):
    source_resolution = fields.String(required=True)
    symbols = fields.List(fields.Nested(CoverageSchema), required=True)


class TimeframeSchema(Schema):
    timeframe = fields.String(required=True)
    seconds = fields.Integer(allow_none=True, metadata={"description": "None for 1M."})
    description = fields.String()


class TimeframesSchema(Schema):
    timeframes = fields.List(fields.Nested(TimeframeSchema), required=True)
    accepted = fields.String(required=True)
    rules = fields.String(required=True)


class CandleTime(fields.Field):
    """A candle's start: an ISO 8601 string, or epoch milliseconds with time_format=epoch_ms."""

    def __init__(self, **kwargs: Any) -> None:
        one_of = [{"type": "string", "format": "date-time"}, {"type": "integer", "format": "int64"}]
        description = "Start of the bucket: ISO 8601 UTC, or epoch ms with time_format=epoch_ms."
        metadata = {"oneOf": one_of, "description": description, "example": "2023-01-01T00:00:00Z"}
        super().__init__(metadata=metadata, **kwargs)

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> str | int:
        if isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool)):
            return value
        raise ValidationError("expected an ISO 8601 string or epoch milliseconds")


class CandleSchema(Schema):
    timestamp = CandleTime(required=True)
    open = fields.Float(required=True)
    high = fields.Float(required=True)
    low = fields.Float(required=True)
    close = fields.Float(required=True)
    volume = fields.Float(required=True)


class SymbolCandlesSchema(Schema):
    """One symbol's page inside a several-symbol answer."""

    symbol = fields.String(required=True)
    count = fields.Integer(required=True)
    candles = fields.List(fields.Nested(CandleSchema), metadata={"description": "layout=rows"})
    columns = fields.Dict(keys=fields.String(), metadata={"description": "layout=columns"})
    next_cursor = fields.String(
        allow_none=True,
        required=True,
        metadata={"description": "Send it back as cursor (with symbols: [this symbol])."},
    )


class ManyCandlesSchema(Schema):
    """POST with `symbols`: one page per symbol, in the order asked."""

    timeframe = fields.String(required=True)
    source_resolution = fields.String(required=True)
    start = fields.String(required=True)
    end = fields.String(required=True)
    results = fields.List(fields.Nested(SymbolCandlesSchema), required=True)


class CandlesSchema(Schema):
    symbol = fields.String(required=True)
    timeframe = fields.String(required=True)
    source_resolution = fields.String(required=True)
    start = fields.String(required=True)
    end = fields.String(required=True)
    count = fields.Integer(required=True)
    candles = fields.List(fields.Nested(CandleSchema), metadata={"description": "layout=rows"})
    columns = fields.Dict(keys=fields.String(), metadata={"description": "layout=columns"})
    next_cursor = fields.String(allow_none=True, required=True)
