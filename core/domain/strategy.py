"""A Strategy template: a named, reusable set of parameters for backtests."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from uuid import UUID

from core.domain.changes import UNSET, Maybe
from core.domain.errors import RuleViolated
from core.domain.rules.kinds import RULES_KIND
from core.domain.text import KIND_MAX, bounded_text, optional_text, trimmed_name


@dataclass(slots=True, eq=False)
class Strategy:
    """Its name and kind are trimmed and never blank; a blank description is none."""

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

    def __post_init__(self) -> None:
        self.name = trimmed_name(self.name)
        self.kind = _kind(self.kind)
        self.description = optional_text(self.description, "description")

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
        name: Maybe[str] = UNSET,
        kind: Maybe[str] = UNSET,
        description: Maybe[str | None] = UNSET,
        parameters: Maybe[dict[str, Any]] = UNSET,
        rules: Maybe[dict[str, str]] = UNSET,
    ) -> None:
        """Changes the fields given (description None clears it), all checked before any."""
        new_name = self.name if name is UNSET else trimmed_name(name)
        new_kind = self.kind if kind is UNSET else _kind(kind)
        new_description = (
            self.description if description is UNSET else optional_text(description, "description")
        )
        self.name, self.kind, self.description = new_name, new_kind, new_description
        if parameters is not UNSET:
            self.parameters = dict(parameters)
        if rules is not UNSET:
            self.rules = dict(rules)
        self.updated_at = now


def template_kind(kind: str | None, rules: dict[str, str] | None) -> str:
    """A template names its kind; one that only sends rules is of kind `rules`."""
    if kind is not None:
        return kind
    if rules:
        return RULES_KIND
    raise RuleViolated("kind is required (see GET /strategies/kinds), or send rules", "kind")


def _kind(value: str) -> str:
    return bounded_text(value, "kind", max_length=KIND_MAX)
