"""BacktestEngine: runs a checked strategy over bars and measures the outcome."""

from __future__ import annotations

from typing import Protocol

from core.domain.engine.bars import Bars
from core.domain.engine.execution import ExecutionSettings
from core.domain.engine.result import SimulationResult
from core.domain.rules.program import StrategyProgram


class BacktestEngine(Protocol):
    """Synchronous and CPU-bound: the job runner calls it in a worker thread.

    Every implementation gives the same trades, equity and statistics for the same input
    (tests/contract/engine/ holds them to it). `name` is stored with
    every result it produces.
    """

    name: str

    def run(
        self, bars: Bars, strategy: StrategyProgram, settings: ExecutionSettings
    ) -> SimulationResult: ...
