"""The two implementations of each indicator under test: the core's reference and numba's."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from adapters.outbound.engine.fast import indicators as fast
from core.domain.rules import indicators as reference
from core.domain.rules.smoothing import atr as reference_atr

Implementation = Callable[[Sequence[float], int], Sequence[float]]


def _floats(x: Sequence[float]) -> np.ndarray:
    return np.asarray(x, dtype=np.float64)


REFERENCE: dict[str, Implementation] = {
    "sma": reference.sma,
    "ema": lambda x, n: reference.ema(list(x), n),
    "rsi": lambda x, n: reference.rsi(list(x), n),
    "stdev": reference.stdev,
    "highest": reference.highest,
    "lowest": reference.lowest,
    "bb_upper": lambda x, n: reference.bb_upper(x, n, 2.0),
    "bb_lower": lambda x, n: reference.bb_lower(x, n, 1.5),
    "shift": lambda x, n: reference.shift(list(x), n),
}

FAST: dict[str, Implementation] = {
    "sma": lambda x, n: fast.sma(_floats(x), n),
    "ema": lambda x, n: fast.ema(_floats(x), n),
    "rsi": lambda x, n: fast.rsi(_floats(x), n),
    "stdev": lambda x, n: fast.stdev(_floats(x), n),
    "highest": lambda x, n: fast.highest(_floats(x), n),
    "lowest": lambda x, n: fast.lowest(_floats(x), n),
    # The fast evaluator's steps for bb_upper(x, n, 2) and bb_lower(x, n, 1.5) (plan.py).
    "bb_upper": lambda x, n: fast.sma(_floats(x), n) + np.float64(2.0) * fast.stdev(_floats(x), n),
    "bb_lower": lambda x, n: fast.sma(_floats(x), n) - np.float64(1.5) * fast.stdev(_floats(x), n),
    "shift": lambda x, n: fast.shift(_floats(x), n),
}

IMPLEMENTATIONS = {"reference": REFERENCE, "numba": FAST}


def atr_of(name: str) -> Callable[..., Sequence[float]]:
    if name == "reference":
        return reference_atr
    return lambda h, lo, c, n: fast.atr(_floats(h), _floats(lo), _floats(c), n)
