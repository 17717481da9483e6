"""A program's rules as a flat list of steps over numbered values, each distinct one once.

Walking the syntax tree at every bar column costs a hash of each subtree per lookup; the
plan walks it once, keys each value by its operation and its operands' numbers, and leaves
the evaluator a loop over steps. Bollinger bands become the steps they are defined by
(`sma ± k * stdev`), sharing the mean and deviation with rules that name them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from core.domain.rules.functions import FUNCTIONS
from core.domain.rules.nodes import Binary, Boolean, Call, Column, Node, Number, Unary
from core.domain.rules.program import StrategyProgram

# A step: the operation, then operands (value numbers, or a column name or constant).
Step = tuple[object, ...]


@dataclass
class Plan:
    steps: list[Step] = field(default_factory=list)
    rules: dict[str, int] = field(default_factory=dict)  # rule name -> value number
    indicators: list[int] = field(default_factory=list)  # values that set the warm-up
    _numbers: dict[Step, int] = field(default_factory=dict)

    @classmethod
    def of(cls, program: StrategyProgram) -> Plan:
        plan = cls()
        seen: dict[int, int] = {}  # id(node) -> value number: shared subtrees walk once
        for name, node in program.rules().items():
            plan.rules[name] = plan._node(node, seen)
        return plan

    def _add(self, step: Step) -> int:
        number = self._numbers.get(step)
        if number is None:
            number = self._numbers[step] = len(self.steps)
            self.steps.append(step)
        return number

    def _node(self, node: Node, seen: dict[int, int]) -> int:
        number = seen.get(id(node))
        if number is None:
            number = seen[id(node)] = self._translate(node, seen)
        return number

    def _translate(self, node: Node, seen: dict[int, int]) -> int:
        if isinstance(node, Number):
            return self._add(("number", node.value, node.negative))
        if isinstance(node, Boolean):
            return self._add(("boolean", node.value))
        if isinstance(node, Column):
            return self._add(("column", node.name))
        if isinstance(node, Unary):
            return self._add((node.op, self._node(node.operand, seen)))
        if isinstance(node, Binary):
            return self._add((node.op, self._node(node.left, seen), self._node(node.right, seen)))
        if isinstance(node, Call):
            args = tuple(self._node(arg, seen) for arg in node.args)
            number = self._call(node.function, args)
            if not FUNCTIONS[node.function].boolean and number not in self.indicators:
                self.indicators.append(number)
            return number
        raise TypeError(f"not a checked node: {node!r}")

    def _call(self, function: str, args: tuple[int, ...]) -> int:
        if function in ("bb_upper", "bb_lower"):
            middle = self._add(("sma", *args[:2]))
            band = self._add(("*", args[2], self._add(("stdev", *args[:2]))))
            return self._add(("+" if function == "bb_upper" else "-", middle, band))
        return self._add((function, *args))
