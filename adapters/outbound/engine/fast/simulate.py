"""The fast simulation: the compiled loop on numpy arrays, then numpy statistics."""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import Future
from typing import cast

import numpy as np

from adapters.outbound.engine.fast.arrays import BarArrays, signal_arrays
from adapters.outbound.engine.fast.kernel import (
    COLUMNS,
    COMMISSION,
    ENTRY_BAR,
    ENTRY_PRICE,
    EXIT_BAR,
    EXIT_PRICE,
    MAE,
    MFE,
    OPEN,
    PNL,
    REASON,
    RETURN,
    SIZE,
)  # fmt: skip
from adapters.outbound.engine.fast.loop import run_bars
from adapters.outbound.engine.fast.side_work import log_returns_later
from adapters.outbound.engine.fast.statistics import fast_statistics
from core.domain.engine.bars import Bars
from core.domain.engine.execution import ExecutionSettings
from core.domain.engine.result import EngineTrade, ExitReason, SimulationResult
from core.domain.engine.signals import Signals
from core.domain.errors import RuleViolated

REASONS: dict[int, ExitReason] = {0: "signal", 1: "stop_loss", 2: "take_profit", 3: "end"}


def simulate(
    bars: Bars,
    signals: Signals,
    settings: ExecutionSettings,
    market: Future[np.ndarray | None] | None = None,
) -> SimulationResult:
    """The same run as core.domain.engine.simulate, on arrays, compiled.

    `market` is the close's log returns when a caller started them already (side_work).
    """
    count = len(bars)
    if count == 0:
        raise RuleViolated("there are no bars to run on", "bars")
    if len(signals) != count:
        raise RuleViolated("signals must have one value per bar", "signals")
    arrays = BarArrays.of(bars)
    market = market or log_returns_later(arrays.close)
    entry, exit_, short_entry, short_exit = signal_arrays(signals)
    start = signals.start
    orders = np.count_nonzero(entry[start:]) + np.count_nonzero(short_entry[start:])
    equity = np.full(count, settings.cash, dtype=np.float64)
    table = np.empty((orders + 1, COLUMNS))
    written, last_open, commissions, exposed = run_bars(
        arrays.open, arrays.high, arrays.low, arrays.close,
        entry, exit_, short_entry, short_exit, start,
        settings.cash, settings.commission, settings.spread, settings.order_fraction,
        settings.allow_short, _or_nan(settings.stop_loss), _or_nan(settings.take_profit),
        settings.fractional, equity, table,
    )  # fmt: skip
    table = table[:written]
    closed = table[:-1] if last_open else table
    mine = log_returns_later(equity)
    records = trade_records(table, arrays.times)
    statistics = fast_statistics(
        arrays, equity, closed, commissions, exposed, start, (mine, market)
    )
    return SimulationResult(records, cast(Sequence[float], equity), statistics)


def trade_records(table: np.ndarray, times: np.ndarray) -> list[EngineTrade]:
    """Trade records from the kernel's table (kernel.py's columns); the last may be open."""
    if not len(table):
        return []
    entry_bars = table[:, ENTRY_BAR].astype(np.int64)
    exit_bars = table[:, EXIT_BAR].astype(np.int64)
    reasons = [REASONS.get(code) for code in table[:, REASON].astype(np.int64).tolist()]
    columns = (
        table[:, SIZE].tolist(), entry_bars.tolist(), times[entry_bars].tolist(),
        table[:, ENTRY_PRICE].tolist(), exit_bars.tolist(), times[exit_bars].tolist(),
        table[:, EXIT_PRICE].tolist(), table[:, PNL].tolist(), (table[:, RETURN] * 100).tolist(),
        table[:, COMMISSION].tolist(), reasons, table[:, MAE].tolist(), table[:, MFE].tolist(),
    )  # fmt: skip
    records = list(map(EngineTrade._make, zip(*columns, strict=True)))
    if table[-1, REASON] == OPEN:
        records[-1] = records[-1]._replace(exit_bar=None, exit_time=None, exit_price=None)
    return records


def _or_nan(value: float | None) -> float:
    return float("nan") if value is None else value
