"""A Strategy template: a named, reusable set of parameters for backtests."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from uuid import UUID


@dataclass(slots=True, eq=False)
class Strategy:
    id: UUID
    owner_id: UUID
    name: str
    kind: str
    created_at: datetime
    updated_at: datetime
    description: str | None = None
    parameters: dict[str, Any] = field(default_factory=dict)
    # Rule texts (entry, exit, short_entry, short_exit) for kind "rules".
    rules: dict[str, str] | None = None

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Strategy) and other.id == self.id

    def __hash__(self) -> int:
        return hash(self.id)

    @property
    def name_key(self) -> str:
        """Names are unique per user regardless of case: "SMA" and "sma" clash."""
        return self.name.casefold()

    def revise(
        self,
        now: datetime,
        *,
        name: str | None = None,
        kind: str | None = None,
        description: str | None = None,
        parameters: dict[str, Any] | None = None,
        rules: dict[str, str] | None = None,
        clear_description: bool = False,
    ) -> None:
        if name is not None:
            self.name = name
        if kind is not None:
            self.kind = kind
        if description is not None or clear_description:
            self.description = description
        if parameters is not None:
            self.parameters = parameters
        if rules is not None:
            self.rules = rules
        self.updated_at = now
