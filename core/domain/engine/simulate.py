"""The reference simulation: a plain bar loop, written to be obviously right.

It mirrors backtesting.py 0.6.6 with `exclusive_orders=True` (see REFERENCE.md): signals are
read at a bar's close, market orders fill at the next bar's open, a new order first closes
the open trade, and stop-loss / take-profit exits are checked from the entry bar on, the
stop first. The floating-point steps are written in the same order as there, so that the
results agree to the last bit.
"""

from __future__ import annotations

from core.domain.engine.account import Account
from core.domain.engine.bars import Bars
from core.domain.engine.execution import ExecutionSettings
from core.domain.engine.result import SimulationResult
from core.domain.engine.signals import Signals
from core.domain.engine.statistics import compute_statistics
from core.domain.errors import RuleViolated


def simulate(bars: Bars, signals: Signals, settings: ExecutionSettings) -> SimulationResult:
    """Runs `signals` over `bars` and measures the outcome."""
    count = len(bars)
    if count == 0:
        raise RuleViolated("there are no bars to run on", "bars")
    if len(signals) != count:
        raise RuleViolated("signals must have one value per bar", "signals")
    account = Account(bars, settings)
    equity = [settings.cash] * count
    for i in range(signals.start, count):
        account.fill(i)
        value = account.equity(i)
        equity[i] = value
        if value <= 0:
            account.liquidate(i)
            equity[i:] = [0.0] * (count - i)
            break
        _decide(account, signals, i, settings.allow_short)
    trades = account.trades()
    closed = [trade for trade in trades if trade.exit_bar is not None]
    statistics = compute_statistics(bars, equity, closed, signals.start, account.cancelled)
    return SimulationResult(trades, equity, statistics)


def _decide(account: Account, signals: Signals, i: int, allow_short: bool) -> None:
    """The strategy's next(): one order at most, entries first."""
    held = account.direction
    if signals.entry[i]:
        account.order(1, i)
    elif signals.short_entry[i]:
        if allow_short:
            account.order(-1, i)
        elif held > 0:
            account.close_at_next_open()
    elif (signals.exit[i] and held > 0) or (signals.short_exit[i] and held < 0):
        account.close_at_next_open()
