"""Contenders interleaved round by round, so drift of a shared machine falls on all alike.

Each round runs every contender once, in an order rotated by one per round (ABC, BCA, CAB...):
no contender is always first after a pause or always right after a heavy neighbour.
"""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass

from bench.ohlcv_cases import Case
from bench.ohlcv_contenders import Work


@dataclass(frozen=True)
class CaseResult:
    case: Case
    candles: dict[str, int]  # what each contender made in its untimed warm-up run
    samples: dict[str, list[float]]  # milliseconds, one per round

    def median(self, name: str) -> float | None:
        values = self.samples.get(name)
        return statistics.median(values) if values else None


async def interleaved(case: Case, work: dict[str, Work], rounds: int) -> CaseResult:
    """One untimed run of each (warms file and metadata caches alike), then `rounds` rounds."""
    candles = {name: await run() for name, run in work.items()}
    samples: dict[str, list[float]] = {name: [] for name in work}
    names = list(work)
    for index in range(rounds):
        shift = index % len(names)
        for name in names[shift:] + names[:shift]:
            started = time.perf_counter()
            await work[name]()
            samples[name].append((time.perf_counter() - started) * 1000)
    return CaseResult(case, candles, samples)
