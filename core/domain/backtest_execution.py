"""A backtest's `execution` object: the broker settings a server run uses, checked."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from core.domain.engine.execution import ExecutionSettings
from core.domain.errors import RuleViolated

EXECUTION_FIELDS = tuple(
    field.name for field in dataclasses.fields(ExecutionSettings) if field.name != "cash"
)


def execution_settings(execution: Mapping[str, Any], cash: float) -> ExecutionSettings:
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
