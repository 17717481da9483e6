"""RulesCompiler: a template's kind and parameters (or its own rules) as a StrategyProgram.

This is also how a template is validated without being saved.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from core.domain.errors import RuleViolated
from core.domain.rules.kinds import KINDS, RULES_KIND
from core.domain.rules.program import StrategyProgram, build_program
from core.ports.rules_parser import RulesParser


class RulesCompiler:
    """Implements core.ports.strategy_compiler.StrategyCompiler with a RulesParser.

    Kind `rules` runs the template's rule texts, in which any numeric parameter may be
    named (it is substituted as a literal); any other kind must be one of KINDS, with
    only its own parameters and no rule texts. Errors are RuleViolated naming the field:
    `kind`, `parameters.<name>`, `rules` or `rules.<rule>` (with line and column).
    """

    def __init__(self, parser: RulesParser) -> None:
        self._parser = parser

    def compile(
        self, kind: str, parameters: Mapping[str, Any] | None, rules: Mapping[str, Any] | None
    ) -> StrategyProgram:
        if parameters is None:
            parameters = {}
        if not isinstance(parameters, Mapping):
            raise RuleViolated("parameters must be an object", "parameters")
        if kind == RULES_KIND:
            if not rules:
                raise RuleViolated("kind 'rules' needs rules: entry and exit", "rules")
            if not isinstance(rules, Mapping):
                raise RuleViolated("rules must be an object of rule texts", "rules")
            return build_program(self._parser, rules, parameters)
        found = KINDS.get(kind)
        if found is None:
            known = ", ".join([*KINDS, RULES_KIND])
            raise RuleViolated(f"unknown kind '{kind}'; the kinds are {known}", "kind")
        if rules:
            raise RuleViolated(f"rules are read only for kind '{RULES_KIND}'", "rules")
        values = found.validate(parameters)
        return build_program(
            self._parser, found.rule_texts(values), values, entry_once=found.entry_once
        )
