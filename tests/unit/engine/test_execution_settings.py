"""Execution settings refuse what backtesting.py would not run, naming the field."""

from __future__ import annotations

import math

import pytest

from core.domain.engine.execution import ALL_IN, ExecutionSettings
from core.domain.errors import RuleViolated


@pytest.mark.parametrize(
    ("field", "value"),
    [("cash", 0), ("cash", -5), ("cash", math.inf), ("commission", -0.001),
     ("commission", 0.1), ("spread", 0.1), ("size", 0), ("size", 1.5), ("stop_loss", 0),
     ("stop_loss", 1), ("take_profit", 0), ("cash", math.nan), ("commission", math.nan)],
)  # fmt: skip
def test_a_value_out_of_range_is_refused_naming_its_field(field: str, value: float) -> None:
    with pytest.raises(RuleViolated) as refused:
        ExecutionSettings(**{field: value})

    assert refused.value.field == field


def test_a_take_profit_within_the_spread_is_refused() -> None:
    with pytest.raises(RuleViolated) as refused:
        ExecutionSettings(spread=0.01, take_profit=0.01)

    assert refused.value.field == "take_profit"


def test_all_in_is_backtesting_pys_size_just_below_one() -> None:
    assert ALL_IN == 0.9999999999999998
    assert ExecutionSettings().order_fraction == ALL_IN
    assert ExecutionSettings(size=1).order_fraction == ALL_IN
    assert ExecutionSettings(size=0.25).order_fraction == 0.25


def test_whole_numbers_are_kept_as_floats() -> None:
    settings = ExecutionSettings(cash=10_000, commission=0)

    assert isinstance(settings.cash, float)
    assert isinstance(settings.commission, float)
