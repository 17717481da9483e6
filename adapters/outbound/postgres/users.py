"""PostgresUserProfileRepository: one row per user, refreshed on each upsert."""

from __future__ import annotations

from uuid import UUID

import asyncpg

from adapters.outbound.postgres.errors import refusals
from core.domain.users import UserProfile

_COLUMNS = "id, email, role, created_at, last_seen_at"
# The first key of this repository's advisory locks ("user"); the two-key space is apart from
# the one-key space that other tools (pgqueuer) lock in.
_USER_LOCKS = 0x75736572


class PostgresUserProfileRepository:
    def __init__(self, connection: asyncpg.Connection) -> None:
        self._db = connection

    async def upsert(self, profile: UserProfile) -> UserProfile:
        with refusals(duplicate=f"profile {profile.id} already exists"):
            row = await self._db.fetchrow(
                f"INSERT INTO user_profiles ({_COLUMNS}) VALUES ($1, $2, $3, $4, $5) "
                "ON CONFLICT (id) DO UPDATE SET email = EXCLUDED.email, role = EXCLUDED.role, "
                "last_seen_at = GREATEST(user_profiles.last_seen_at, EXCLUDED.last_seen_at) "
                f"RETURNING {_COLUMNS}",
                profile.id,
                profile.email,
                profile.role,
                profile.created_at,
                profile.last_seen_at,
            )
        return UserProfile(**dict(row))

    async def get(self, user_id: UUID) -> UserProfile | None:
        row = await self._db.fetchrow(
            f"SELECT {_COLUMNS} FROM user_profiles WHERE id = $1", user_id
        )
        return UserProfile(**dict(row)) if row else None

    async def lock(self, user_id: UUID) -> None:
        """An advisory lock, held until the transaction ends, rather than a row lock: it holds
        a user whose profile row does not exist yet as well. Users whose ids share their
        first 32 bits wait for each other too, which is only slower."""
        key = int.from_bytes(user_id.bytes[:4], "big", signed=True)
        await self._db.execute("SELECT pg_advisory_xact_lock($1, $2)", _USER_LOCKS, key)
