"""The state the in-memory repositories share, swapped whole on commit."""

from __future__ import annotations

import asyncio
import copy
from dataclasses import dataclass, field
from uuid import UUID

from core.domain.backtest import Backtest
from core.domain.strategy import Strategy
from core.domain.trade import Trade
from core.domain.users import UserProfile


@dataclass
class Tables:
    backtests: dict[UUID, Backtest] = field(default_factory=dict)
    trades: dict[UUID, Trade] = field(default_factory=dict)
    strategies: dict[UUID, Strategy] = field(default_factory=dict)
    users: dict[UUID, UserProfile] = field(default_factory=dict)

    def snapshot(self) -> Tables:
        return copy.deepcopy(self)


class InMemoryStore:
    """Committed tables plus a lock that serialises commits, like one database."""

    def __init__(self) -> None:
        self.tables = Tables()
        self.lock = asyncio.Lock()
