"""HealthProbe: one dependency's view of whether it can serve."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True, slots=True)
class ProbeResult:
    name: str
    ok: bool
    latency_ms: float
    detail: str | None = None
    # Not ready even when reachable, e.g. migrations pending.
    ready: bool = True


class HealthProbe(Protocol):
    """Checks one dependency; never raises, reports the failure in the result instead."""

    name: str

    async def check(self) -> ProbeResult: ...
