"""What PostgreSQL does to a row on its way in, mirrored: refuse it, or keep a normalised copy.

The Postgres repositories translate the same refusals (adapters.outbound.postgres.errors), so
both adapters raise RuleViolated for a value the schema cannot hold.
"""

from __future__ import annotations

import copy
import json
from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from core.domain.backtest import Backtest, RunState
from core.domain.errors import RuleViolated
from core.domain.strategy import Strategy
from core.domain.trade import Trade
from core.domain.users import UserProfile

UNSTORABLE = (
    "a value cannot be stored: text must not contain NUL characters, JSON numbers must be "
    "finite and integers must fit their column"
)
_INT4 = range(-(2**31), 2**31)


def utc(moment: datetime) -> datetime:
    """timestamptz: a naive time is taken as UTC, and every time comes back in UTC."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def numeric(number: Decimal) -> Decimal:
    """numeric has no negative zero and no positive exponent: 1E+2 comes back as 100."""
    if number.is_zero():
        number = number.copy_abs()
    exponent = number.as_tuple().exponent
    return Decimal(int(number)) if isinstance(exponent, int) and exponent > 0 else number


def text(*values: str | None) -> None:
    """text columns refuse the NUL character, and what UTF-8 cannot encode (lone surrogates)."""
    if not all(value is None or _storable(value) for value in values):
        raise RuleViolated(UNSTORABLE)


def _storable(value: str) -> bool:
    if "\x00" in value:
        return False
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def json_value(value: Any) -> Any:
    """jsonb holds what json.dumps writes: tuples come back as lists and keys as strings."""
    try:
        stored = json.loads(json.dumps(value, allow_nan=False))
    except (TypeError, ValueError):
        raise RuleViolated(UNSTORABLE) from None
    _refuse_nul(stored)
    return stored


def check(holds: bool, constraint: str) -> None:
    """A CHECK constraint of migrations/, named as PostgreSQL names it."""
    if not holds:
        raise RuleViolated(f"a value breaks the rule {constraint}")


def _refuse_nul(value: Any) -> None:
    if isinstance(value, str):
        text(value)
    elif isinstance(value, dict):
        for key, item in value.items():
            text(key)
            _refuse_nul(item)
    elif isinstance(value, list):
        for item in value:
            _refuse_nul(item)


def backtest_row(b: Backtest) -> Backtest:
    d = b.definition
    check(1 <= len(b.name) <= 200, "backtests_name_check")
    check(d.initial_capital > 0, "backtests_initial_capital_check")
    text(b.name, d.strategy)
    row = copy.deepcopy(b)
    row.definition = replace(
        d,
        initial_capital=numeric(d.initial_capital),
        parameters=json_value(d.parameters),
        execution=json_value(d.execution),
    )
    row.results = None if b.results is None else json_value(b.results)
    row.run = None if b.run is None else _run_row(b.run)
    row.created_at, row.updated_at = utc(b.created_at), utc(b.updated_at)
    return row


def _run_row(run: RunState) -> RunState:
    if run.attempts not in _INT4:
        raise RuleViolated(UNSTORABLE)
    check(0 <= run.progress <= 1, "backtests_run_progress_check")
    check(run.attempts >= 0, "backtests_run_attempts_check")
    text(run.error)
    return replace(run, progress=float(run.progress))


def trade_row(t: Trade) -> Trade:
    check(t.quantity > 0, "trades_quantity_check")
    check(t.entry_price > 0, "trades_entry_price_check")
    check(t.exit_price is None or t.exit_price > 0, "trades_exit_price_check")
    check(t.commission >= 0, "trades_commission_check")
    text(t.notes)
    return replace(
        t,
        quantity=numeric(t.quantity),
        entry_price=numeric(t.entry_price),
        exit_price=None if t.exit_price is None else numeric(t.exit_price),
        commission=numeric(t.commission),
        pnl=None if t.pnl is None else numeric(t.pnl),
        entry_time=utc(t.entry_time),
        exit_time=None if t.exit_time is None else utc(t.exit_time),
        created_at=utc(t.created_at),
        details=None if t.details is None else json_value(t.details),
    )


def strategy_row(s: Strategy) -> Strategy:
    check(1 <= len(s.name) <= 200, "strategies_name_check")
    text(s.name, s.kind, s.description)
    row = copy.deepcopy(s)
    row.parameters = json_value(s.parameters)
    row.rules = None if s.rules is None else json_value(s.rules)
    row.created_at, row.updated_at = utc(s.created_at), utc(s.updated_at)
    return row


def profile_row(p: UserProfile) -> UserProfile:
    text(p.email, p.role)
    return UserProfile(p.id, p.email, p.role, utc(p.created_at), utc(p.last_seen_at))
