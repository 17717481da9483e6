"""Who is calling (Principal) and what we keep about them (UserProfile)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from uuid import UUID


@dataclass(frozen=True, slots=True)
class Principal:
    """An authenticated user, as a verified token describes them."""

    user_id: UUID
    email: str | None = None
    role: str = "authenticated"
    claims: dict[str, object] = field(default_factory=dict, compare=False, repr=False)


@dataclass(slots=True)
class UserProfile:
    """The row created on first sight of a user; refreshed from later tokens."""

    id: UUID
    email: str | None
    role: str
    created_at: datetime
    last_seen_at: datetime

    @classmethod
    def seen(cls, principal: Principal, now: datetime) -> UserProfile:
        """The profile of a user seen `now` (storing it keeps an existing created_at)."""
        return cls(principal.user_id, principal.email, principal.role, now, now)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, UserProfile) and other.id == self.id

    def __hash__(self) -> int:
        return hash(self.id)


@dataclass(frozen=True, slots=True)
class UserSummary:
    """The caller's profile with the counts the frontend shows."""

    profile: UserProfile
    backtest_count: int
    strategy_count: int
