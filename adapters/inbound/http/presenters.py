"""Entities to JSON-ready dicts, in the shapes the response schemas describe."""

from __future__ import annotations

from decimal import Decimal
from typing import Any
from uuid import UUID

import orjson
from aiohttp import web

from core.domain.backtest import Backtest
from core.domain.pagination import Page
from core.domain.strategy import Strategy
from core.domain.trade import Trade
from core.domain.users import UserSummary


def _default(value: Any) -> Any:
    # orjson writes UUIDs, dates and datetimes itself (exact types only); amounts go out as
    # JSON numbers.
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, UUID):
        return str(value)
    raise TypeError(f"cannot encode {type(value).__name__}")


def json_response(body: Any, status: int = 200, *, location: str | None = None) -> web.Response:
    """`body` as JSON; `location`, when given, is where the resource answered can be read."""
    try:
        encoded = orjson.dumps(body, default=_default)
    except TypeError:
        # Rows stored before values were checked may hold integers beyond 64 bits: they
        # go out as strings rather than making the whole answer fail.
        encoded = orjson.dumps(_readable(body), default=_default)
    response = web.Response(body=encoded, status=status, content_type="application/json")
    if location is not None:
        response.headers["Location"] = location
    return response


def _readable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(key): _readable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_readable(item) for item in value]
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 2**63:
        return str(value)
    return value


def backtest(item: Backtest) -> dict[str, Any]:
    definition = item.definition
    return {
        "id": item.id,
        "user_id": item.owner_id,
        "name": item.name,
        "strategy": definition.strategy,
        "strategy_id": definition.strategy_id,
        "symbol": str(definition.symbol),
        "start_date": definition.period.start,
        "end_date": definition.period.end,
        "initial_capital": definition.initial_capital,
        "timeframe": str(definition.timeframe),
        "parameters": definition.parameters,
        "status": item.status.value,
        "results": item.results,
        "execution": definition.execution,
        "progress": item.run.progress if item.run else None,
        "error": item.run.error if item.run else None,
        "created_at": item.created_at,
        "updated_at": item.updated_at,
    }


def trade(item: Trade) -> dict[str, Any]:
    return {
        "id": item.id,
        "backtest_id": item.backtest_id,
        "symbol": str(item.symbol),
        "side": item.side.value,
        "quantity": item.quantity,
        "entry_time": item.entry_time,
        "entry_price": item.entry_price,
        "exit_time": item.exit_time,
        "exit_price": item.exit_price,
        "commission": item.commission,
        "pnl": item.pnl,
        "notes": item.notes,
        "source": item.source.value,
        "details": item.details,
        "created_at": item.created_at,
    }


def strategy(item: Strategy) -> dict[str, Any]:
    return {
        "id": item.id,
        "user_id": item.owner_id,
        "name": item.name,
        "kind": item.kind,
        "description": item.description,
        "parameters": item.parameters,
        "rules": item.rules,
        "created_at": item.created_at,
        "updated_at": item.updated_at,
    }


def user(summary: UserSummary) -> dict[str, Any]:
    profile = summary.profile
    return {
        "id": profile.id,
        "email": profile.email,
        "role": profile.role,
        "created_at": profile.created_at,
        "last_seen_at": profile.last_seen_at,
        "backtest_count": summary.backtest_count,
        "strategy_count": summary.strategy_count,
    }


def page(result: Page[Any], present: Any) -> dict[str, Any]:
    cursor = result.next_cursor
    return {
        "items": [present(item) for item in result.items],
        "next_cursor": cursor.encode() if cursor else None,
    }
