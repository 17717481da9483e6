"""What the checker knows about a checked node: its type and how many bars it needs."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from core.domain.rules.nodes import Node, RuleError


class Type(Enum):
    NUMBER = "number"
    SERIES = "series"
    CONDITION = "condition"

    @property
    def article(self) -> str:
        return f"a {self.value}"

    @property
    def plural(self) -> str:
        return "series" if self is Type.SERIES else f"{self.value}s"


NUMERIC = (Type.NUMBER, Type.SERIES)


@dataclass(frozen=True, slots=True)
class Checked:
    """A resolved node, its type, the first bar it is defined on NaN-free bars (`lag`) and
    the largest such bar over the indicators it uses (`warmup`)."""

    node: Node
    type: Type
    lag: int = 0
    warmup: int = 0


def expect(at: Node, operand: Checked, allowed: tuple[Type, ...], what: str) -> None:
    if operand.type not in allowed:
        names = " or ".join(t.plural for t in allowed)
        raise error(at, f"{what} {names}, not {operand.type.article}")


def error(node: Node, message: str) -> RuleError:
    return RuleError(node.line, node.column, message)
