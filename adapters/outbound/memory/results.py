"""InMemoryBacktestResultRepository: the backtest_results table of a Tables snapshot."""

from __future__ import annotations

import copy
from array import array
from dataclasses import replace
from uuid import UUID

from adapters.outbound.memory.rows import UNSTORABLE, json_value, text, utc
from adapters.outbound.memory.store import Tables
from core.domain.backtest_result import BacktestResult
from core.domain.errors import BacktestNotFound, RuleViolated


def _row(r: BacktestResult) -> BacktestResult:
    """What the table keeps: JSON as jsonb has it, series as int64 and float64 (tuples, so
    snapshots can share them)."""
    text(r.engine)
    try:
        times, equity = tuple(array("q", r.times)), tuple(array("d", r.equity))
    except (TypeError, OverflowError):
        raise RuleViolated(UNSTORABLE) from None
    return replace(
        r,
        statistics=json_value(r.statistics),
        settings=json_value(r.settings),
        fingerprint=json_value(r.fingerprint),
        times=times,
        equity=equity,
        created_at=utc(r.created_at),
    )


class InMemoryBacktestResultRepository:
    def __init__(self, tables: Tables) -> None:
        self._tables = tables

    async def put(self, result: BacktestResult) -> None:
        """Raises NotFound when the owner has no such backtest."""
        row = _row(result)
        backtest = self._tables.backtests.get(result.backtest_id)
        if backtest is None or backtest.owner_id != result.owner_id:
            raise BacktestNotFound(result.backtest_id)
        self._tables.results[result.backtest_id] = row

    async def get(self, owner_id: UUID, backtest_id: UUID) -> BacktestResult | None:
        found = self._tables.results.get(backtest_id)
        if found is None or found.owner_id != owner_id:
            return None
        return replace(
            found,
            statistics=copy.deepcopy(found.statistics),
            settings=copy.deepcopy(found.settings),
            fingerprint=copy.deepcopy(found.fingerprint),
            times=list(found.times),
            equity=list(found.equity),
        )

    async def delete(self, owner_id: UUID, backtest_id: UUID) -> None:
        found = self._tables.results.get(backtest_id)
        if found is not None and found.owner_id == owner_id:
            del self._tables.results[backtest_id]
