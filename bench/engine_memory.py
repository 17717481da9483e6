"""The fast engine's memory against the number of bars: one strategy, prefixes of one series.

A run's peak of new allocations (tracemalloc; the bars themselves were allocated before)
is measured on the first 1/8, 1/4, 1/2 and all of the bars, so the bytes per bar show
whether memory grows in proportion to the bars or faster.
"""

from __future__ import annotations

import tracemalloc

from adapters.outbound.engine.fast.engine import FastEngine
from core.domain.engine.bars import Bars
from core.domain.engine.execution import ExecutionSettings
from core.domain.rules.program import StrategyProgram

FRACTIONS = (8, 4, 2, 1)


def prefix(bars: Bars, count: int) -> Bars:
    return Bars(*(column[:count] for column in (
        bars.times, bars.open, bars.high, bars.low, bars.close, bars.volume)))  # fmt: skip


def peak_bytes(engine: FastEngine, bars: Bars, program: StrategyProgram,
               settings: ExecutionSettings) -> int:  # fmt: skip
    engine.run(bars, program, settings)  # plans and caches made once, outside the peak
    tracemalloc.start()
    try:
        engine.run(bars, program, settings)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def memory_report(name: str, bars: Bars, program: StrategyProgram,
                  settings: ExecutionSettings) -> str:  # fmt: skip
    engine = FastEngine()
    engine.warm_up()
    lines = [f"Fast engine memory, {name}:", "", "| bars | peak MB | B/bar |", "|---|---|---|"]
    for part in FRACTIONS:
        count = len(bars) // part
        peak = peak_bytes(engine, prefix(bars, count), program, settings)
        lines.append(f"| {count:,} | {peak / 1e6:.1f} | {peak / count:.1f} |")
    return "\n".join(lines)
