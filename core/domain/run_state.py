"""RunState: the server's run of a backtest."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID


@dataclass(frozen=True, slots=True)
class RunState:
    """Which attempt (`run_id` names the one a job carries), how far, why it failed."""

    run_id: UUID
    progress: float = 0.0
    error: str | None = None
    cancel_requested: bool = False
    attempts: int = 0
