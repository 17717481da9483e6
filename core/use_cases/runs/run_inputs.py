"""What a run needs from a backtest: its strategy as a program."""

from __future__ import annotations

from core.domain.backtest import Backtest
from core.domain.errors import RuleViolated
from core.domain.strategy import Strategy
from core.ports.strategy_compiler import StrategyCompiler, StrategyProgram


def program_of(
    compiler: StrategyCompiler, backtest: Backtest, template: Strategy | None
) -> StrategyProgram:
    """The template's kind (or rules), or else a kind named by the backtest's `strategy`."""
    definition = backtest.definition
    if template is not None:
        kind, rules, field = template.kind, template.rules, "strategy_id"
    else:
        kind, rules, field = definition.strategy, None, "strategy"
    try:
        return compiler.compile(kind, definition.parameters, rules)
    except RuleViolated as error:
        where = f"template '{template.name}'" if template else f"strategy '{kind}'"
        raise RuleViolated(
            f"this backtest cannot run: its {where} is not runnable ({error.detail})",
            error.field if error.field and error.field != "kind" else field,
        ) from None
