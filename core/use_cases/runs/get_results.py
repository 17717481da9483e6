"""GetResults: a completed run's statistics and its curves, downsampled for a chart."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from core.domain.backtest_result import BacktestResult
from core.domain.curves import drawdown_pcts, keep_extremes
from core.domain.errors import BacktestNotFound, ResultsNotFound
from core.ports.unit_of_work import UnitOfWorkFactory

DEFAULT_POINTS = 1000


@dataclass(frozen=True, slots=True)
class GetResultsQuery:
    owner_id: UUID
    backtest_id: UUID
    points: int = DEFAULT_POINTS


@dataclass(frozen=True, slots=True)
class Curves:
    """Parallel columns; `time` in epoch ms. Every column keeps its global extremes."""

    time: list[int]
    equity: list[float]
    drawdown_pct: list[float]


@dataclass(frozen=True, slots=True)
class RunResults:
    result: BacktestResult
    curves: Curves
    bars: int

    @property
    def statistics(self) -> dict[str, Any]:
        return self.result.statistics


class GetResults:
    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self._uow = uow

    async def __call__(self, query: GetResultsQuery) -> RunResults:
        async with self._uow() as uow:
            backtest = await uow.backtests.get(query.owner_id, query.backtest_id)
            if backtest is None:
                raise BacktestNotFound(query.backtest_id)
            result = await uow.results.get(query.owner_id, query.backtest_id)
        if result is None:
            raise ResultsNotFound(query.backtest_id, backtest.status.value)
        equity = list(result.equity)
        drawdown = drawdown_pcts(equity)
        kept = keep_extremes([equity, drawdown], query.points)
        curves = Curves(
            time=[int(result.times[i]) for i in kept],
            equity=[equity[i] for i in kept],
            drawdown_pct=[drawdown[i] for i in kept],
        )
        return RunResults(result, curves, len(equity))
