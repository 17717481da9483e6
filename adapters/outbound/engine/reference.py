"""ReferenceEngine: the pure-Python engine, slow and obviously right; the fast one's yardstick."""

from __future__ import annotations

from core.domain.engine.bars import Bars
from core.domain.engine.execution import ExecutionSettings
from core.domain.engine.result import SimulationResult
from core.domain.engine.signals import Signals
from core.domain.engine.simulate import simulate
from core.domain.rules.evaluate import evaluate
from core.domain.rules.program import StrategyProgram


class ReferenceEngine:
    """core's rules evaluator, then core's simulation and statistics."""

    name = "reference"

    def simulate(
        self, bars: Bars, signals: Signals, settings: ExecutionSettings
    ) -> SimulationResult:
        return simulate(bars, signals, settings)

    def run(
        self, bars: Bars, strategy: StrategyProgram, settings: ExecutionSettings
    ) -> SimulationResult:
        return simulate(bars, evaluate(strategy, bars), settings)
