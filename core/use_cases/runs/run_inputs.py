"""What a run needs from a backtest: its strategy as a program, and its execution settings."""

from __future__ import annotations

import dataclasses
from typing import Any

from core.domain.backtest import Backtest
from core.domain.engine.execution import ExecutionSettings
from core.domain.errors import RuleViolated
from core.domain.strategy import Strategy
from core.ports.strategy_compiler import StrategyCompiler, StrategyProgram

EXECUTION_FIELDS = tuple(
    field.name for field in dataclasses.fields(ExecutionSettings) if field.name != "cash"
)


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


def settings_of(backtest: Backtest) -> ExecutionSettings:
    return execution_settings(
        backtest.definition.execution, float(backtest.definition.initial_capital)
    )


def execution_settings(execution: dict[str, Any], cash: float) -> ExecutionSettings:
    """Checks a backtest's `execution` object; errors name `execution.<setting>`."""
    unknown = sorted(set(execution) - set(EXECUTION_FIELDS))
    if unknown:
        raise RuleViolated(
            f"unknown setting {unknown[0]!r}; known: {', '.join(EXECUTION_FIELDS)}",
            f"execution.{unknown[0]}",
        )
    for name, value in execution.items():
        flag = name in ("allow_short", "fractional")
        number = isinstance(value, int | float) and not isinstance(value, bool)
        if value is not None and not (isinstance(value, bool) if flag else number):
            raise RuleViolated(
                "must be true or false" if flag else "must be a number", f"execution.{name}"
            )
    try:
        return ExecutionSettings(cash=cash, **execution)
    except RuleViolated as error:
        raise RuleViolated(error.detail, f"execution.{error.field}") from None
