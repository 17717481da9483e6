"""The fast simulation: the compiled loop on numpy arrays, then numpy statistics."""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

import numpy as np

from adapters.outbound.engine.fast.arrays import BarArrays, signal_arrays
from adapters.outbound.engine.fast.kernel import COLUMNS
from adapters.outbound.engine.fast.loop import run_bars
from adapters.outbound.engine.fast.side_work import Later, log_returns_later
from adapters.outbound.engine.fast.statistics import fast_statistics
from adapters.outbound.engine.fast.trade_table import TradeTable
from core.domain.engine.bars import Bars
from core.domain.engine.execution import ExecutionSettings
from core.domain.engine.result import SimulationResult
from core.domain.engine.signals import Signals
from core.domain.errors import RuleViolated


def simulate(
    bars: Bars,
    signals: Signals,
    settings: ExecutionSettings,
    market: Later | None = None,
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
    written, last_open, commissions, exposed, cancelled = run_bars(
        arrays.open, arrays.high, arrays.low, arrays.close,
        entry, exit_, short_entry, short_exit, start,
        settings.cash, settings.commission, settings.spread, settings.order_fraction,
        settings.allow_short, _or_nan(settings.stop_loss), _or_nan(settings.take_profit),
        settings.fractional, equity, table,
    )  # fmt: skip
    table = table[:written]
    closed = table[:-1] if last_open else table
    mine = log_returns_later(equity)
    statistics = fast_statistics(
        arrays, equity, closed, commissions, exposed, start, (mine, market), cancelled
    )
    trades = TradeTable(table, arrays.times)
    return SimulationResult(trades, cast(Sequence[float], equity), statistics)


def _or_nan(value: float | None) -> float:
    return float("nan") if value is None else value
