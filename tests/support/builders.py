"""Valid domain objects with sensible defaults; tests override only what they are about.

`n` spreads the times: a_backtest(owner, 3) was created three seconds after a_backtest(owner, 0),
a_trade(owner, backtest_id, 3) was entered three minutes after a_trade(owner, backtest_id, 0).
Any field may be overridden by name; a backtest also takes its definition's fields (symbol,
strategy, period or start_date/end_date, ...), and strings where a value object is expected.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from core.domain.backtest import Backtest, BacktestDefinition
from core.domain.backtest_result import BacktestResult
from core.domain.strategy import Strategy
from core.domain.timeframe import Timeframe
from core.domain.trade import Side, Trade
from core.domain.users import UserProfile
from core.domain.values import DateRange, Symbol

T0 = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)


def a_definition(**overrides: Any) -> BacktestDefinition:
    period = overrides.pop("period", None) or DateRange(
        _date(overrides.pop("start_date", date(2023, 1, 1))),
        _date(overrides.pop("end_date", date(2023, 12, 31))),
    )
    timeframe = overrides.pop("timeframe", "1h")
    fields: dict[str, Any] = {
        "strategy": "Moving Average Crossover",
        "symbol": Symbol(str(overrides.pop("symbol", "BTC"))),
        "period": period,
        "initial_capital": Decimal(str(overrides.pop("initial_capital", "10000.5"))),
        "timeframe": Timeframe.parse(timeframe) if isinstance(timeframe, str) else timeframe,
        "parameters": {"fast": 10, "nested": {"a": [1, 2]}},
        "strategy_id": None,
        "execution": {},
    }
    fields.update(overrides)
    return BacktestDefinition(**fields)


_DEFINITION_FIELDS = {
    "strategy", "symbol", "period", "start_date", "end_date", "initial_capital", "timeframe",
    "parameters", "strategy_id", "execution",
}  # fmt: skip


def a_backtest(owner_id: uuid.UUID | None = None, n: int = 0, **overrides: Any) -> Backtest:
    definition = overrides.pop("definition", None) or a_definition(
        **{k: overrides.pop(k) for k in _DEFINITION_FIELDS & overrides.keys()}
    )
    fields: dict[str, Any] = {
        "id": uuid.uuid4(),
        "owner_id": owner_id or uuid.uuid4(),
        "name": f"backtest {n}",
        "definition": definition,
        "created_at": T0 + timedelta(seconds=n),
        "updated_at": T0 + timedelta(seconds=n),
    }
    fields.update(overrides)
    return Backtest(**fields)


def a_trade(
    owner_id: uuid.UUID | None = None,
    backtest_id: uuid.UUID | None = None,
    n: int = 0,
    **overrides: Any,
) -> Trade:
    """A closed long trade (pnl worked out by Trade); pass exit_time=None, exit_price=None
    for an open one."""
    entry = overrides.get("entry_time", T0 + timedelta(minutes=n))
    fields: dict[str, Any] = {
        "id": uuid.uuid4(),
        "owner_id": owner_id or uuid.uuid4(),
        "backtest_id": backtest_id or uuid.uuid4(),
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
    fields["symbol"] = Symbol(str(fields["symbol"]))
    fields["side"] = Side(fields["side"])
    return Trade(**fields)


def a_strategy(owner_id: uuid.UUID | None = None, n: int = 0, **overrides: Any) -> Strategy:
    fields: dict[str, Any] = {
        "id": uuid.uuid4(),
        "owner_id": owner_id or uuid.uuid4(),
        "name": f"strategy {n}",
        "kind": "custom",
        "description": None,
        "parameters": {"window": n},
        "created_at": T0 + timedelta(seconds=n),
        "updated_at": T0 + timedelta(seconds=n),
    }
    fields.update(overrides)
    return Strategy(**fields)


def a_result(
    owner_id: uuid.UUID, backtest_id: uuid.UUID, bars: int = 3, **overrides: Any
) -> BacktestResult:
    """The result of a run over `bars` one-minute bars from T0 (times in epoch milliseconds)."""
    start = int(T0.timestamp() * 1000)
    fields: dict[str, Any] = {
        "owner_id": owner_id,
        "backtest_id": backtest_id,
        "run_id": uuid.uuid4(),
        "statistics": {"total_return": 0.125, "trades": 2, "sharpe": None},
        "times": [start + 60_000 * i for i in range(bars)],
        "equity": [10_000.0 + 0.1 * i for i in range(bars)],
        "created_at": T0,
        "engine": "builtin 1.0",
        "settings": {"commission": 0.001},
        "fingerprint": {"bars": bars, "files": ["BTC/2024.parquet"]},
    }
    fields.update(overrides)
    return BacktestResult(**fields)


def a_profile(user_id: uuid.UUID | None = None, **overrides: Any) -> UserProfile:
    fields: dict[str, Any] = {
        "id": user_id or uuid.uuid4(),
        "email": "ada@example.com",
        "role": "authenticated",
        "created_at": T0,
        "last_seen_at": T0,
    }
    fields.update(overrides)
    return UserProfile(**fields)


def _date(value: date | str) -> date:
    return date.fromisoformat(value) if isinstance(value, str) else value
