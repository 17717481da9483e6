"""The compiled sizing step rounds exactly as Python does (floor division included)."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from adapters.outbound.engine.fast.kernel import units_for
from core.domain.engine.execution import ALL_IN


def python_units(cash: float, price: float, direction: int, rate: float, spread: float,
                 fraction: float) -> tuple[float, float]:  # fmt: skip
    adjusted = price * (1 + math.copysign(spread, direction))
    per_unit = adjusted + fraction * price * rate / fraction
    units = float(int(max(0.0, cash) * fraction // per_unit))
    return (0.0 if units * per_unit > max(0.0, cash) else units), adjusted


@settings(deadline=None)  # the first call loads the compiled code
@given(
    st.floats(1.0, 1e9),
    st.floats(1e-4, 1e5),
    st.sampled_from([1, -1]),
    st.floats(0.0, 0.0999),
    st.floats(0.0, 0.0999),
    st.one_of(st.just(ALL_IN), st.floats(1e-3, 0.999)),
)
def test_whole_units_equal_pythons_floor_division(
    cash: float, price: float, direction: int, rate: float, spread: float, fraction: float
) -> None:
    compiled = units_for(cash, price, direction, rate, spread, fraction, False)

    assert compiled == python_units(cash, price, direction, rate, spread, fraction)
