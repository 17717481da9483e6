"""StrategyCompiler: a template's kind, parameters and rules, checked into a runnable program."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

from core.domain.rules.program import StrategyProgram


class StrategyCompiler(Protocol):
    """Raises RuleViolated naming the field (`kind`, `parameters.fast`, `rules.entry`).

    Compiling is also how a template is validated without being saved.
    """

    def compile(
        self, kind: str, parameters: Mapping[str, Any] | None, rules: Mapping[str, Any] | None
    ) -> StrategyProgram: ...
