"""Entities and value objects: synchronous, pure, validated on construction."""
