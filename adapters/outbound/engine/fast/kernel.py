"""The compiled bar loop of the fast engine: the reference simulation's steps, in scalars.

Every floating-point step is written in the same order as core/domain/engine (account.py,
ledger.py), so both engines agree to the last bit. State lives in a few local scalars; the
only memory is the equity curve and the trade table the caller preallocates.
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit

# Columns of the trade table.
SIZE, ENTRY_BAR, ENTRY_PRICE, EXIT_BAR, EXIT_PRICE, PNL, RETURN, COMMISSION = range(8)
REASON, MAE, MFE = 8, 9, 10
COLUMNS = 11
# Exit reasons in the REASON column (OPEN: the trade is still open).
SIGNAL, STOP_LOSS, TAKE_PROFIT, END, OPEN = 0, 1, 2, 3, -1


@njit(nogil=True, cache=True)
def record(trades, k, size, entry_bar, entry, exit_bar, price, reason, rate, low, high):
    """Writes trade k closed (or marked, when OPEN) at `price`; returns the cash it adds."""
    exit_commission = abs(size) * price * rate
    gross = size * (price - entry)
    if reason == OPEN:
        commission = abs(size) * entry * rate
    else:
        commission = exit_commission + abs(size) * entry * rate
    low, high = min(price, low), max(price, high)
    direction = 1 if size > 0 else -1
    worst, best = (low, high) if direction > 0 else (high, low)
    row = trades[k]
    row[SIZE], row[ENTRY_BAR], row[ENTRY_PRICE] = size, entry_bar, entry
    row[EXIT_BAR], row[EXIT_PRICE], row[REASON] = exit_bar, price, reason
    row[PNL] = gross - commission
    row[RETURN] = math.copysign(1.0, size) * (price / entry - 1) - commission / (abs(size) * entry)
    row[COMMISSION] = commission
    row[MAE] = min(0.0, direction * (worst / entry - 1) * 100)
    row[MFE] = max(0.0, direction * (best / entry - 1) * 100)
    return gross - exit_commission


@njit(nogil=True, cache=True)
def units_for(cash, price, direction, rate, spread, fraction, fractional):
    """Units a market order buys at `price` (0 when the broker cancels it), and their price."""
    adjusted = price * (1 + math.copysign(spread, float(direction)))
    per_unit = adjusted + fraction * price * rate / fraction
    margin = max(0.0, cash)
    if fractional:
        return margin * fraction / per_unit, adjusted
    units = float(int(margin * fraction // per_unit))
    if units * per_unit > margin:
        return 0.0, adjusted
    return units, adjusted


@njit(nogil=True, cache=True)
def protective_exit(size, stop, target, open_, high, low):
    """The stop (first) or target hit on this bar: (price, reason), or (nan, OPEN)."""
    if size > 0:
        if not math.isnan(stop) and low <= stop:
            return min(open_, stop), STOP_LOSS
        if not math.isnan(target) and high >= target:
            return max(open_, target), TAKE_PROFIT
    else:
        if not math.isnan(stop) and high >= stop:
            return max(open_, stop), STOP_LOSS
        if not math.isnan(target) and low <= target:
            return min(open_, target), TAKE_PROFIT
    return np.nan, OPEN
