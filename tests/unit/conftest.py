"""Fixtures the unit tests of use cases share: one in-memory store and its units of work."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from adapters.outbound.memory.store import InMemoryStore
from adapters.outbound.memory.unit_of_work import InMemoryUnitOfWork


@pytest.fixture
def store() -> InMemoryStore:
    return InMemoryStore()


@pytest.fixture
def uow(store: InMemoryStore) -> Callable[[], InMemoryUnitOfWork]:
    return lambda: InMemoryUnitOfWork(store)
