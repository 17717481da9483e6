"""The caller's profile."""

from __future__ import annotations

from marshmallow import Schema, fields


class UserSchema(Schema):
    id = fields.UUID(required=True, metadata={"description": "The token's sub."})
    email = fields.String(allow_none=True, required=True)
    role = fields.String(required=True)
    created_at = fields.AwareDateTime(required=True)
    last_seen_at = fields.AwareDateTime(required=True)
    backtest_count = fields.Integer(required=True)
    strategy_count = fields.Integer(required=True)
