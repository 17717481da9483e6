"""Health answers."""

from __future__ import annotations

from marshmallow import Schema, fields


class LivenessSchema(Schema):
    status = fields.String(required=True, metadata={"example": "ok"})


_WITH_TOKEN = "Only with a valid bearer token."


class DependencySchema(Schema):
    status = fields.String(required=True, metadata={"example": "ok"})
    latency_ms = fields.Float(required=True)
    detail = fields.String(allow_none=True, metadata={"description": _WITH_TOKEN})


class DetailedHealthSchema(Schema):
    status = fields.String(required=True, metadata={"description": "ok or degraded"})
    version = fields.String(metadata={"description": _WITH_TOKEN})
    environment = fields.String(metadata={"description": _WITH_TOKEN})
    dependencies = fields.Dict(keys=fields.String(), values=fields.Nested(DependencySchema))


class ReadinessSchema(Schema):
    status = fields.String(required=True, metadata={"description": "ready or not_ready"})
    checks = fields.Dict(keys=fields.String(), values=fields.Nested(DependencySchema))
