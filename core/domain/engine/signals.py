"""Signals: what a strategy asks for at each bar's close, before any position logic."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from core.domain.errors import RuleViolated


@dataclass(frozen=True, slots=True)
class Signals:
    """Four boolean columns of len(bars), read at each bar's close.

    `start` is the first bar index at which a signal may act: 1 + w, where w is the first
    index at which every indicator the strategy uses is non-NaN (1 when it uses none), so
    an order from bar 0's close fills at bar 1's open, as in backtesting.py.
    """

    entry: Sequence[bool]
    exit: Sequence[bool]
    short_entry: Sequence[bool]
    short_exit: Sequence[bool]
    start: int = 1

    def __post_init__(self) -> None:
        count = len(self.entry)
        if not (len(self.exit) == len(self.short_entry) == len(self.short_exit) == count):
            raise RuleViolated("signal columns must have the same length", "signals")
        if self.start < 1:
            raise RuleViolated("start must be at least 1", "start")

    def __len__(self) -> int:
        return len(self.entry)
