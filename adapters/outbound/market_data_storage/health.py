"""MarketDataHealthProbe: whether the market data's folder or bucket can be read."""

from __future__ import annotations

import time

from adapters.outbound.market_data_storage.roots import Root
from core.ports.health import ProbeResult


class MarketDataHealthProbe:
    """Reports "market_data" from its root; never raises, and names no path or address."""

    name = "market_data"

    def __init__(self, root: Root) -> None:
        self._root = root

    async def check(self) -> ProbeResult:
        started = time.perf_counter()
        problem = await self._root.unreadable()
        elapsed = (time.perf_counter() - started) * 1000
        return ProbeResult(self.name, problem is None, elapsed, problem)
