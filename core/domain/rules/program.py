"""StrategyProgram: the checked rules an engine runs, and how it is built from rule texts."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from core.domain.errors import RuleViolated
from core.domain.rules.checker import Parameters, check_rule
from core.domain.rules.functions import FUNCTIONS
from core.domain.rules.limits import MAX_RULE_CHARS
from core.domain.rules.nodes import Call, Node, RuleError, children
from core.domain.rules.text import to_text
from core.ports.rules_parser import RulesParser

RULE_NAMES = ("entry", "exit", "short_entry", "short_exit")


@dataclass(frozen=True, slots=True)
class StrategyProgram:
    """Two to four checked rules (conditions read at each bar's close).

    `warmup` is the first bar at which every indicator is defined when the bars hold no
    NaN (the engines measure the actual one on the data, as backtesting.py does).
    `entry_once`: the entry acts only on the first bar it may (buy and hold).
    """

    entry: Node
    exit: Node
    short_entry: Node | None = None
    short_exit: Node | None = None
    warmup: int = 0
    entry_once: bool = False

    def rules(self) -> dict[str, Node]:
        named = zip(
            RULE_NAMES, (self.entry, self.exit, self.short_entry, self.short_exit), strict=True
        )
        return {name: node for name, node in named if node is not None}

    def texts(self) -> dict[str, str]:
        """The rules as canonical text (parameters substituted): what ran."""
        return {name: to_text(node) for name, node in self.rules().items()}

    def indicators(self) -> tuple[Call, ...]:
        """The distinct indicator calls (every function but the crosses), first seen first."""
        found: dict[Call, None] = {}
        for rule in self.rules().values():
            for node in _walk(rule):
                if isinstance(node, Call) and not FUNCTIONS[node.function].boolean:
                    found.setdefault(node)
        return tuple(found)


def _walk(node: Node) -> Iterator[Node]:
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(children(current)))


def build_program(
    parser: RulesParser,
    texts: Mapping[str, object],
    parameters: Parameters,
    *,
    entry_once: bool = False,
) -> StrategyProgram:
    """Parses and checks each rule text; errors name the field (`rules.entry`)."""
    unknown = sorted(set(texts) - set(RULE_NAMES))
    if unknown:
        raise RuleViolated(
            f"unknown rule '{unknown[0]}'; rules are {', '.join(RULE_NAMES)}", f"rules.{unknown[0]}"
        )
    checked = {}
    for name in RULE_NAMES:
        text = texts.get(name)
        if text is not None and not isinstance(text, str):
            raise RuleViolated("a rule is a text", f"rules.{name}")
        if text is None or not text.strip():  # a blank optional rule is no rule
            if name in ("entry", "exit"):
                raise RuleViolated(f"the {name} rule is required", f"rules.{name}")
            continue
        if len(text) > MAX_RULE_CHARS:
            raise RuleViolated(f"a rule is at most {MAX_RULE_CHARS} characters", f"rules.{name}")
        try:
            checked[name] = check_rule(parser.parse(text), parameters)
        except RuleError as error:
            raise RuleViolated(str(error), f"rules.{name}") from None
    return StrategyProgram(
        entry=checked["entry"].node,
        exit=checked["exit"].node,
        short_entry=checked["short_entry"].node if "short_entry" in checked else None,
        short_exit=checked["short_exit"].node if "short_exit" in checked else None,
        warmup=max(c.warmup for c in checked.values()),
        entry_once=entry_once,
    )
