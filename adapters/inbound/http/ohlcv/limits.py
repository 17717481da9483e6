"""How much one candle answer may hold, and how much market-data work runs at once."""

from __future__ import annotations

import os
from concurrent.futures import Executor, ThreadPoolExecutor
from dataclasses import dataclass, field

from adapters.inbound.http.ohlcv.gate import MarketDataGate
from core.domain.errors import RuleViolated


@dataclass(frozen=True)
class CandleLimits:
    """Candles per answer (shared by its symbols), the size above which answers are streamed,
    the gate that bounds concurrent market-data work in this process, and the threads that
    encode answers (None: the event loop's default executor)."""

    max_candles: int
    stream_above: int = 10_000
    gate: MarketDataGate = field(default_factory=MarketDataGate)
    encoders: Executor | None = None

    def budget(self, asked: int | None) -> int:
        """The answer's candle budget: what was asked, or the server's maximum."""
        if asked is None:
            return self.max_candles
        if asked > self.max_candles:
            raise RuleViolated(f"limit is at most {self.max_candles} candles per answer", "limit")
        return asked


def encoding_pool() -> ThreadPoolExecutor:
    """Threads for encoding candle answers, one per core this process may run on.

    Encoding is CPU work that takes turns on the GIL: answers beyond the cores wait for a
    thread instead of contending for it. Eight clients of 5-year hourly JSON rows got ~15%
    more answers a second than with the event loop's default executor (cores + 4 threads).
    """
    return ThreadPoolExecutor(available_cores(), thread_name_prefix="candle-encoder")


def available_cores() -> int:
    """The CPUs this process may run on: its affinity where the system has one."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1
