"""InMemoryUserProfileRepository: the user_profiles table of a Tables snapshot."""

from __future__ import annotations

import copy
from uuid import UUID

from adapters.outbound.memory.rows import profile_row
from adapters.outbound.memory.store import Tables
from core.domain.users import UserProfile


class InMemoryUserProfileRepository:
    def __init__(self, tables: Tables) -> None:
        self._tables = tables

    async def upsert(self, profile: UserProfile) -> UserProfile:
        """Keeps created_at; refreshes email and role; last_seen_at never goes back."""
        row = profile_row(profile)
        stored = self._tables.users.setdefault(row.id, row)
        if stored is not row:
            stored.email, stored.role = row.email, row.role
            stored.last_seen_at = max(stored.last_seen_at, row.last_seen_at)
        return copy.deepcopy(stored)

    async def get(self, user_id: UUID) -> UserProfile | None:
        return copy.deepcopy(self._tables.users.get(user_id))

    async def lock(self, user_id: UUID) -> None:
        """Nothing to do: units of work on one store already run one at a time."""
