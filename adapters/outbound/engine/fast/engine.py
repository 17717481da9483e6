"""FastEngine: numpy and numba; the engine the API runs."""

from __future__ import annotations

from adapters.outbound.engine.fast import indicators
from adapters.outbound.engine.fast.arrays import floats
from adapters.outbound.engine.fast.evaluate import evaluate
from adapters.outbound.engine.fast.side_work import log_returns_later
from adapters.outbound.engine.fast.simulate import simulate
from core.domain.engine.bars import Bars
from core.domain.engine.execution import ExecutionSettings
from core.domain.engine.result import SimulationResult
from core.domain.engine.signals import Signals
from core.domain.rules.program import StrategyProgram

_DAY_MS = 86_400_000


class FastEngine:
    """Compiled bar loop and vectorised statistics, equal to ReferenceEngine's results.

    The compiled code is cached on disk; `warm_up()` loads (or compiles) it on a tiny input
    so that no request pays for it.
    """

    name = "fast"

    def warm_up(self) -> None:
        indicators.warm_up()
        count = 4
        bars = Bars(
            [i * _DAY_MS for i in range(count)], [1.0, 2.0, 1.0, 2.0], [2.0, 2.5, 2.0, 2.5],
            [0.5, 1.5, 0.5, 1.5], [2.0, 1.0, 2.0, 1.0], [0.0] * count,
        )  # fmt: skip
        flags = [True, False, True, False]
        signals = Signals(flags, flags[::-1], flags, flags[::-1], start=1)
        self.simulate(bars, signals, ExecutionSettings(stop_loss=0.5, take_profit=0.5))

    def simulate(
        self, bars: Bars, signals: Signals, settings: ExecutionSettings
    ) -> SimulationResult:
        return simulate(bars, signals, settings)

    def run(
        self, bars: Bars, strategy: StrategyProgram, settings: ExecutionSettings
    ) -> SimulationResult:
        # The close's log returns (for beta) are worked out while the indicators run.
        market = log_returns_later(floats(bars.close))
        return simulate(bars, evaluate(strategy, bars), settings, market)
