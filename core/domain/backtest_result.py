"""BacktestResult: what a server run produced, with what it needs to be reproduced."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from uuid import UUID


@dataclass(frozen=True, slots=True)
class BacktestResult:
    """Statistics and the equity at every bar; the trades are stored as engine trades.

    `settings` are the execution settings as run, `engine` names the engine and its version,
    and `fingerprint` the data read (files and versions, bar count, first and last bar), so a
    result can be reproduced and a changed store noticed.
    """

    owner_id: UUID
    backtest_id: UUID
    run_id: UUID
    statistics: dict[str, Any]
    times: Sequence[int]
    equity: Sequence[float]
    created_at: datetime
    engine: str
    settings: dict[str, Any] = field(default_factory=dict)
    fingerprint: dict[str, Any] = field(default_factory=dict)
