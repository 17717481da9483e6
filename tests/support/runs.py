"""Helpers for tests that run backtests through the API."""

from __future__ import annotations

import asyncio
from datetime import datetime
from typing import Any

from tests.http.conftest import Api

FINISHED = ("completed", "failed", "cancelled")


def from_iso(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


async def run_to_the_end(api: Api, backtest_id: str, polls: int = 600) -> dict[str, Any]:
    """Polls the backtest until its run finishes (at most `polls` times, 50 ms apart)."""
    for _ in range(polls):
        status, backtest = await api.call("GET", f"/api/v1/backtests/{backtest_id}")
        assert status == 200, backtest
        if backtest["status"] in FINISHED:
            return backtest
        await asyncio.sleep(0.05)
    raise AssertionError(f"the run of {backtest_id} did not finish: {backtest}")
