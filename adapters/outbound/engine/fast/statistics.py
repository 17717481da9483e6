"""The statistics of a fast run: compiled reductions, then core's shared derivation."""

from __future__ import annotations

import numpy as np

from adapters.outbound.engine.fast.arrays import BarArrays
from adapters.outbound.engine.fast.curve import LogReturns, curve_figures
from adapters.outbound.engine.fast.trades import trade_figures
from core.domain.engine.statistics import Statistics, assemble


def fast_statistics(
    bars: BarArrays,
    equity: np.ndarray,
    closed: np.ndarray,
    commissions: float,
    exposed: int,
    start: int,
    logs: LogReturns,
    cancelled: int,
) -> Statistics:
    """`closed` holds the closed rows of the kernel's trade table; `exposed` the bars in them;
    `logs` the log returns of equity and close (curve.curve_figures); `cancelled` the orders
    the cash did not pay for."""
    curve = curve_figures(bars, equity, start, exposed, logs)
    return assemble(curve, trade_figures(closed, bars.times, commissions), int(cancelled))
