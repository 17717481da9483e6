"""What a simulation produces: its trades, its equity curve and its statistics."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, NamedTuple

if TYPE_CHECKING:  # statistics.py reads trades from here
    from core.domain.engine.statistics import Statistics

ExitReason = Literal["signal", "stop_loss", "take_profit", "end"]


class EngineTrade(NamedTuple):
    """One round trip; `size` is in units, negative for a short.

    A named tuple rather than a dataclass: the fast engine makes thousands per run, and a
    tuple is made three times faster.

    `exit_*` and `exit_reason` are None while the trade is open. `pnl` is in cash after both
    commissions (an open trade: marked at the last close, after the entry commission);
    `return_pct` is backtesting.py's Trade.pl_pct in percent. `mae_pct` (<= 0) and `mfe_pct`
    (>= 0) are the worst and best unrealised moves in percent of the entry price (which
    includes the spread), commissions left out: over the lows and highs of the bars the trade
    lived through, from its entry bar, and its exit price (a bar it left at the open or at a
    stop counts only by that price). `exit_reason` "end" marks a trade the simulation closed
    at a bar's close because equity ran out there.
    """

    size: float
    entry_bar: int
    entry_time: int
    entry_price: float
    exit_bar: int | None
    exit_time: int | None
    exit_price: float | None
    pnl: float
    return_pct: float
    commission: float
    exit_reason: ExitReason | None
    mae_pct: float
    mfe_pct: float

    @property
    def direction(self) -> int:
        return 1 if self.size > 0 else -1


@dataclass(frozen=True, slots=True)
class SimulationResult:
    """Closed trades in order, then the open one if any; equity at every bar's close.

    `trades` is any sequence: an engine may make its rows only when they are read.
    """

    trades: Sequence[EngineTrade]
    equity: Sequence[float]
    statistics: Statistics
