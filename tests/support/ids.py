"""Readable, deterministic ids for tests."""

from __future__ import annotations

from uuid import UUID


def fixed_uuid(n: int) -> UUID:
    return UUID(int=n)
