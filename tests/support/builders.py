"""Valid domain objects with sensible defaults; tests override only what they are about."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from core.domain.backtest import Backtest, BacktestDefinition
from core.domain.strategy import Strategy
from core.domain.timeframe import Timeframe
from core.domain.trade import Side, Trade
from core.domain.users import UserProfile
from core.domain.values import DateRange, Symbol

T0 = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)


def a_backtest(owner_id: uuid.UUID, n: int = 0, **overrides: Any) -> Backtest:
    definition = BacktestDefinition(
        strategy=overrides.pop("strategy", "Moving Average Crossover"),
        symbol=Symbol(overrides.pop("symbol", "BTC")),
        period=DateRange(date(2023, 1, 1), date(2023, 12, 31)),
        initial_capital=Decimal(overrides.pop("initial_capital", "10000.5")),
        timeframe=Timeframe.parse(overrides.pop("timeframe", "1h")),
        parameters=overrides.pop("parameters", {"fast": 10, "nested": {"a": [1, 2]}}),
        strategy_id=overrides.pop("strategy_id", None),
    )
    fields: dict[str, Any] = {
        "id": uuid.uuid4(),
        "owner_id": owner_id,
        "name": f"backtest {n}",
        "definition": definition,
        "created_at": T0 + timedelta(seconds=n),
        "updated_at": T0 + timedelta(seconds=n),
    }
    fields.update(overrides)
    return Backtest(**fields)


def a_trade(owner_id: uuid.UUID, backtest_id: uuid.UUID, n: int = 0, **overrides: Any) -> Trade:
    entry = T0 + timedelta(minutes=n)
    fields: dict[str, Any] = {
        "id": uuid.uuid4(),
        "owner_id": owner_id,
        "backtest_id": backtest_id,
        "symbol": Symbol("BTC"),
        "side": Side.LONG,
        "quantity": Decimal("1.5"),
        "entry_time": entry,
        "entry_price": Decimal("100.25"),
        "exit_time": entry + timedelta(hours=1),
        "exit_price": Decimal("101.75"),
        "commission": Decimal("0.1"),
        "notes": "first",
        "created_at": T0,
    }
    fields.update(overrides)
    return Trade(**fields)


def a_strategy(owner_id: uuid.UUID, n: int = 0, **overrides: Any) -> Strategy:
    fields: dict[str, Any] = {
        "id": uuid.uuid4(),
        "owner_id": owner_id,
        "name": f"strategy {n}",
        "kind": "custom",
        "description": None,
        "parameters": {"window": n},
        "created_at": T0 + timedelta(seconds=n),
        "updated_at": T0 + timedelta(seconds=n),
    }
    fields.update(overrides)
    return Strategy(**fields)


def a_profile(user_id: uuid.UUID, **overrides: Any) -> UserProfile:
    fields: dict[str, Any] = {
        "id": user_id,
        "email": "ada@example.com",
        "role": "authenticated",
        "created_at": T0,
        "last_seen_at": T0,
    }
    fields.update(overrides)
    return UserProfile(**fields)
