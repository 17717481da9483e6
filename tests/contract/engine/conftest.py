"""One suite for every engine: ReferenceEngine (pure Python) and FastEngine (numpy, numba).

Each behaviour is checked on both, and generated runs must give both the very same trades
and equity, and statistics within 1e-9 (test_parity).
"""

from __future__ import annotations

import pytest

from adapters.outbound.engine.fast.engine import FastEngine
from adapters.outbound.engine.reference import ReferenceEngine
from core.domain.engine.execution import ExecutionSettings
from core.domain.engine.result import SimulationResult
from tests.unit.engine.builders import at, daily, only

Engine = ReferenceEngine | FastEngine
FLAT = (10.0, 10.0, 10.0, 10.0)
PROTECTED = ExecutionSettings(cash=1_000, stop_loss=0.05, take_profit=0.05)


@pytest.fixture(params=["reference", "fast"], scope="module")
def engine(request: pytest.FixtureRequest) -> Engine:
    if request.param == "reference":
        return ReferenceEngine()
    fast = FastEngine()
    fast.warm_up()
    return fast


def long_at_bar_1(engine: Engine, rows: list[tuple[float, float, float, float]],
                  execution: ExecutionSettings = PROTECTED) -> SimulationResult:  # fmt: skip
    bars = daily(rows)
    return engine.simulate(bars, only(len(rows), entry=at(len(rows), 1)), execution)
