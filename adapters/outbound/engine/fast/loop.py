"""The main bar loop of the fast engine (see kernel.py for the shared steps)."""

from __future__ import annotations

import numpy as np
from numba import njit

from adapters.outbound.engine.fast.kernel import (
    END,
    OPEN,
    SIGNAL,
    protective_exit,
    record,
    units_for,
)


@njit(nogil=True, cache=True)
def run_bars(
    open_, high, low, close, entry, exit_, short_entry, short_exit, start,
    cash, rate, spread, fraction, allow_short, stop_loss, take_profit, fractional,
    equity, trades,
):  # fmt: skip
    """Fills `equity` (preset to the starting cash) and `trades`.

    Returns (trades written incl. an open one, whether the last is open, sum of closed
    commissions, bars inside closed trades, orders cancelled because the cash at the fill
    paid for no unit). `stop_loss` / `take_profit` are NaN for none.
    """
    count = close.shape[0]
    size = entry_price = 0.0
    entry_bar = 0
    stop = target = pending_stop = pending_target = np.nan
    closing, pending = False, 0
    lowest, highest = np.inf, -np.inf
    k, commissions, exposed, covered, cancelled = 0, 0.0, 0, -1, 0
    for i in range(start, count):
        if size != 0.0:
            price, reason = open_[i], SIGNAL
            if not closing:
                price, reason = protective_exit(size, stop, target, open_[i], high[i], low[i])
            if reason != OPEN:
                cash = cash + record(trades, k, size, entry_bar, entry_price, i, price, reason,
                                     rate, lowest, highest)  # fmt: skip
                commissions += trades[k, 7]
                exposed += i - max(entry_bar, covered + 1) + 1
                covered, k, size = i, k + 1, 0.0
        closing = False
        if pending != 0:
            units, adjusted = units_for(cash, open_[i], pending, rate, spread, fraction, fractional)
            if units != 0.0:
                size, entry_price, entry_bar = pending * units, adjusted, i
                stop, target = pending_stop, pending_target
                cash -= abs(size) * adjusted * rate
                lowest, highest = np.inf, -np.inf
                price, reason = protective_exit(size, stop, target, open_[i], high[i], low[i])
                if reason != OPEN:
                    cash = cash + record(trades, k, size, entry_bar, entry_price, i, price,
                                         reason, rate, lowest, highest)  # fmt: skip
                    commissions += trades[k, 7]
                    exposed += i - max(entry_bar, covered + 1) + 1
                    covered, k, size = i, k + 1, 0.0
            else:
                cancelled += 1
            pending = 0
        value = cash
        if size != 0.0:
            lowest, highest = min(lowest, low[i]), max(highest, high[i])
            value = cash + (close[i] * size - size * entry_price)
        equity[i] = value
        if value <= 0:
            if size != 0.0:
                record(trades, k, size, entry_bar, entry_price, i, close[i], END, rate,
                       lowest, highest)  # fmt: skip
                commissions += trades[k, 7]
                exposed += i - max(entry_bar, covered + 1) + 1
                k, size = k + 1, 0.0
            equity[i:] = 0.0
            return k, False, commissions, exposed, cancelled
        held = 0 if size == 0.0 else (1 if size > 0 else -1)
        direction = 0
        if entry[i]:
            direction = 1
        elif short_entry[i]:
            if allow_short:
                direction = -1
            elif held > 0:
                closing = True
        elif (exit_[i] and held > 0) or (short_exit[i] and held < 0):
            closing = True
        if direction != 0:
            pending, closing = direction, held != 0
            pending_stop = close[i] * (1 - direction * stop_loss)
            pending_target = close[i] * (1 + direction * take_profit)
            if pending_target <= 0:
                pending_target = np.nan
    if size != 0.0:
        last = count - 1
        record(trades, k, size, entry_bar, entry_price, -1, close[last], OPEN, rate,
               lowest, highest)  # fmt: skip
        return k + 1, True, commissions, exposed, cancelled
    return k, False, commissions, exposed, cancelled
