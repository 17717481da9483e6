"""Authenticate: verify a bearer token and register the user on first sight."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from uuid import UUID

from core.domain.users import Principal, UserProfile
from core.ports.clock import Clock
from core.ports.token_verifier import TokenVerifier
from core.ports.unit_of_work import UnitOfWorkFactory


@dataclass(frozen=True, slots=True)
class AuthenticateCommand:
    token: str


class RecentlySeen:
    """A bounded memory of users already registered, so most requests skip the upsert."""

    def __init__(self, capacity: int = 10_000) -> None:
        self._capacity = capacity
        self._seen: OrderedDict[tuple[UUID, str | None, str], None] = OrderedDict()

    def add(self, principal: Principal) -> bool:
        """Remembers the principal; True when it was not remembered yet."""
        key = (principal.user_id, principal.email, principal.role)
        if key in self._seen:
            self._seen.move_to_end(key)
            return False
        self._seen[key] = None
        if len(self._seen) > self._capacity:
            self._seen.popitem(last=False)
        return True

    def forget(self, principal: Principal) -> None:
        self._seen.pop((principal.user_id, principal.email, principal.role), None)


class Authenticate:
    """Returns the verified Principal; creates or refreshes its profile when first seen."""

    def __init__(
        self,
        verifier: TokenVerifier,
        uow: UnitOfWorkFactory,
        clock: Clock,
        seen: RecentlySeen,
    ) -> None:
        self._verifier = verifier
        self._uow = uow
        self._clock = clock
        self._seen = seen

    async def __call__(self, command: AuthenticateCommand) -> Principal:
        principal = await self._verifier.verify(command.token)
        if self._seen.add(principal):
            try:
                async with self._uow() as uow:
                    await uow.users.upsert(UserProfile.seen(principal, self._clock.now()))
                    await uow.commit()
            except BaseException:
                self._seen.forget(principal)
                raise
        return principal
