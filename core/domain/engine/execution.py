"""How orders are filled: cash, costs, sizing, shorting and protective exits."""

from __future__ import annotations

import math
import sys
from dataclasses import dataclass

from core.domain.errors import RuleViolated

# backtesting.py's default order size: "all in", just below 1 so that it reads as a fraction
# of equity rather than as one whole unit.
ALL_IN = 1 - sys.float_info.epsilon


@dataclass(frozen=True, slots=True)
class ExecutionSettings:
    """Broker settings of one run; every fraction is of a price or of equity, not a percent.

    `commission` is charged on the traded value at entry and again at exit; `spread` moves
    the entry price against the trader (exits fill at the plain price). `size` is the
    fraction of equity each entry uses (None or 1 = all in). Without `allow_short` a
    short_entry only closes a long. `stop_loss` and `take_profit` place exits at that
    fraction below/above (above/below for a short) the signal bar's close. `fractional`
    trades any amount instead of whole units.
    """

    cash: float = 10_000.0
    commission: float = 0.0
    spread: float = 0.0
    size: float | None = None
    allow_short: bool = False
    stop_loss: float | None = None
    take_profit: float | None = None
    fractional: bool = False

    def __post_init__(self) -> None:
        for name in ("cash", "commission", "spread", "size", "stop_loss", "take_profit"):
            value = getattr(self, name)
            if isinstance(value, int | float) and not isinstance(value, bool):
                object.__setattr__(self, name, float(value))
        _check(0 < self.cash < math.inf, "cash", "cash must be a finite amount above zero")
        _check(0 <= self.commission < 0.1, "commission", "commission must be in [0, 0.1)")
        _check(0 <= self.spread < 0.1, "spread", "spread must be in [0, 0.1)")
        if self.size is not None:
            _check(0 < self.size <= 1, "size", "size must be a fraction of equity in (0, 1]")
        if self.stop_loss is not None:
            _check(0 < self.stop_loss < 1, "stop_loss", "stop_loss must be in (0, 1)")
        if self.take_profit is not None:
            _check(
                self.spread < self.take_profit < math.inf,
                "take_profit",
                "take_profit must be greater than the spread",
            )

    @property
    def order_fraction(self) -> float:
        """The fraction of available cash an entry order asks for."""
        return ALL_IN if self.size is None or self.size >= 1 else self.size


def _check(ok: bool, field: str, message: str) -> None:
    # Also refuses NaN, for which every comparison is false.
    if not ok:
        raise RuleViolated(message, field)
