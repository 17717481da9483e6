"""A built-in strategy kind: a parameter schema and rule texts written in the rules language.

A kind is exactly its rules: its parameters are substituted into the texts as literals
and the result is checked like any user's rules.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from core.domain.errors import RuleViolated

Value = int | float


@dataclass(frozen=True, slots=True)
class Parameter:
    name: str
    type: str  # "int" or "float"
    default: Value
    minimum: Value
    maximum: Value
    description: str

    def validate(self, value: object) -> Value:
        field = f"parameters.{self.name}"
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise RuleViolated("must be a number", field)
        if self.type == "int" and not isinstance(value, int):
            raise RuleViolated("must be a whole number", field)
        if not self.minimum <= value <= self.maximum:
            raise RuleViolated(f"must be from {self.minimum} to {self.maximum}", field)
        return float(value) if self.type == "float" else value

    def as_data(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "type": self.type,
            "default": self.default,
            "minimum": self.minimum,
            "maximum": self.maximum,
            "description": self.description,
        }


@dataclass(frozen=True, slots=True)
class LessThan:
    """An invalid combination, stated as the rule that excludes it: `smaller < larger`."""

    smaller: str
    larger: str

    def check(self, values: Mapping[str, Value]) -> None:
        if not values[self.smaller] < values[self.larger]:
            raise RuleViolated(
                f"{self.smaller} must be less than {self.larger}", f"parameters.{self.smaller}"
            )

    def describe(self) -> str:
        return f"{self.smaller} < {self.larger}"


@dataclass(frozen=True, slots=True)
class Kind:
    name: str
    description: str
    parameters: tuple[Parameter, ...]
    rules: tuple[tuple[str, str], ...]
    constraints: tuple[LessThan, ...] = ()
    # The rules added when `short` is 1: the kind then also trades short.
    short_rules: tuple[tuple[str, str], ...] = ()
    entry_once: bool = False

    def validate(self, given: Mapping[str, object]) -> dict[str, Value]:
        """The parameters with defaults filled in; errors name `parameters.<name>`."""
        known = {p.name: p for p in self.parameters}
        for name in given:
            if name not in known:
                expected = ", ".join(known) or "no parameters"
                raise RuleViolated(
                    f"unknown parameter for {self.name} (it takes {expected})", f"parameters.{name}"
                )
        values = {
            p.name: p.validate(given[p.name]) if p.name in given else p.default
            for p in self.parameters
        }
        for constraint in self.constraints:
            constraint.check(values)
        return values

    def rule_texts(self, values: Mapping[str, Value]) -> dict[str, str]:
        texts = dict(self.rules)
        if values.get("short") == 1:
            texts.update(self.short_rules)
        return texts

    def as_data(self) -> dict[str, Any]:
        """What GET /strategies/kinds serves."""
        return {
            "name": self.name,
            "description": self.description,
            "parameters": [p.as_data() for p in self.parameters],
            "constraints": [c.describe() for c in self.constraints],
            "rules": dict(self.rules),
            "short_rules": dict(self.short_rules),
            "entry_once": self.entry_once,
        }
