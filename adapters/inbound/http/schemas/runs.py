"""Run results: statistics and downsampled curves."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from adapters.inbound.http.schemas.common import QuerySchema
from core.use_cases.runs.get_results import DEFAULT_POINTS

MIN_POINTS, MAX_POINTS = 10, 100_000


class ResultsQuerySchema(QuerySchema):
    points = fields.Integer(
        load_default=DEFAULT_POINTS,
        validate=validate.Range(min=MIN_POINTS, max=MAX_POINTS),
        metadata={
            "description": "Most points per curve; each curve's peak and trough always survive."
        },
    )


class CurvesSchema(Schema):
    time = fields.List(fields.Integer(), required=True, metadata={"description": "Epoch ms."})
    equity = fields.List(fields.Float(), required=True)
    drawdown_pct = fields.List(
        fields.Float(), required=True, metadata={"description": "Below the running peak, %."}
    )


class ResultsSchema(Schema):
    backtest_id = fields.UUID(required=True)
    run_id = fields.UUID(required=True)
    statistics = fields.Dict(
        keys=fields.String(),
        required=True,
        metadata={
            "description": "backtesting.py's statistics under the keys in the docs; "
            "null where undefined."
        },
    )
    curves = fields.Nested(CurvesSchema, required=True)
    bars = fields.Integer(required=True, metadata={"description": "Bars in the full curve."})
    engine = fields.String(required=True)
    settings = fields.Dict(keys=fields.String(), required=True)
    fingerprint = fields.Dict(keys=fields.String(), required=True)
    created_at = fields.AwareDateTime(required=True)
