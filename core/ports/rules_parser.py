"""RulesParser: the text of one rule, as the syntax tree the core checks and evaluates."""

from __future__ import annotations

from typing import Protocol

from core.domain.rules.nodes import Node


class RulesParser(Protocol):
    """Raises core.domain.rules.nodes.RuleError (line, column, what was expected)."""

    def parse(self, text: str) -> Node: ...
