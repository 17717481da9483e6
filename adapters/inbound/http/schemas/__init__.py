"""Marshmallow schemas: request validation and the OpenAPI description of every body."""
