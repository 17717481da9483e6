"""ValidateTemplate: would this kind, parameters and rules run? Nothing is saved."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from core.domain.rules.program import StrategyProgram
from core.domain.strategy import template_kind
from core.ports.strategy_compiler import StrategyCompiler


@dataclass(frozen=True, slots=True)
class ValidateTemplateQuery:
    kind: str | None = None
    parameters: dict[str, Any] | None = None
    rules: dict[str, str] | None = None


@dataclass(frozen=True, slots=True)
class ValidTemplate:
    kind: str
    program: StrategyProgram


class ValidateTemplate:
    """Raises RuleViolated naming the field, exactly as saving the template would."""

    def __init__(self, compiler: StrategyCompiler) -> None:
        self._compiler = compiler

    async def __call__(self, query: ValidateTemplateQuery) -> ValidTemplate:
        kind = template_kind(query.kind, query.rules)
        return ValidTemplate(kind, self._compiler.compile(kind, query.parameters, query.rules))
