"""docs/rules.md, which the API docs quote, states every definition and kind as the code has it."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.domain.rules.functions import FUNCTIONS
from core.domain.rules.kinds import KINDS
from core.domain.rules.limits import MAX_DEPTH, MAX_NODES, MAX_RULE_CHARS

DOCS = (Path(__file__).resolve().parents[3] / "docs" / "rules.md").read_text()


@pytest.mark.parametrize("name", sorted(FUNCTIONS))
def test_each_function_is_documented_with_its_signature_and_pandas_definition(name: str) -> None:
    function = FUNCTIONS[name]

    assert f"`{function.signature}`" in DOCS
    assert function.definition in DOCS


@pytest.mark.parametrize("name", sorted(KINDS))
def test_each_kind_is_documented_with_its_rules_and_defaults(name: str) -> None:
    kind = KINDS[name]
    row = next(line for line in DOCS.splitlines() if line.startswith(f"| `{name}` |"))

    for text in (*dict(kind.rules).values(), *dict(kind.short_rules).values()):
        assert f"`{text}`" in row
    for parameter in kind.parameters:
        if parameter.name != "short":
            assert f"`{parameter.name}` ({parameter.default}" in row


def test_the_limits_are_documented() -> None:
    sentence = f"at most {MAX_RULE_CHARS} characters, {MAX_NODES} terms and {MAX_DEPTH} levels"

    assert sentence in " ".join(DOCS.split())
