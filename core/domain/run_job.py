"""RunJob: what a queued run carries to the worker that picks it."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID


@dataclass(frozen=True, slots=True)
class RunJob:
    """Run `run_id` of one of `owner_id`'s backtests; stale once the backtest moved on."""

    owner_id: UUID
    backtest_id: UUID
    run_id: UUID

    def encode(self) -> bytes:
        return f"{self.owner_id} {self.backtest_id} {self.run_id}".encode()

    @classmethod
    def decode(cls, payload: bytes) -> RunJob:
        owner, backtest, run = payload.decode().split()
        return cls(UUID(owner), UUID(backtest), UUID(run))
