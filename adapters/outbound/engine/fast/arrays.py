"""Bars and signals as contiguous numpy arrays, without copying what already is one."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from core.domain.engine.bars import Bars
from core.domain.engine.signals import Signals


@dataclass(frozen=True, slots=True)
class BarArrays:
    times: np.ndarray
    open: np.ndarray
    high: np.ndarray
    low: np.ndarray
    close: np.ndarray

    @classmethod
    def of(cls, bars: Bars) -> BarArrays:
        return cls(
            np.ascontiguousarray(bars.times, dtype=np.int64),
            floats(bars.open),
            floats(bars.high),
            floats(bars.low),
            floats(bars.close),
        )


def floats(values: Sequence[float]) -> np.ndarray:
    return np.ascontiguousarray(values, dtype=np.float64)


def flags(values: Sequence[bool]) -> np.ndarray:
    return np.ascontiguousarray(values, dtype=np.bool_)


def signal_arrays(signals: Signals) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    return (
        flags(signals.entry),
        flags(signals.exit),
        flags(signals.short_entry),
        flags(signals.short_exit),
    )
