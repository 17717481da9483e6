"""crosses_above/crosses_below are backtesting.py's `crossover`, bar by bar."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from backtesting.lib import crossover

from core.domain.engine.bars import Bars
from core.domain.rules.evaluate import evaluate
from tests.support.shared_data import raw_file
from tests.unit.rules.builders import program


@pytest.mark.realdata
def test_the_sma_crossover_fires_exactly_where_backtesting_py_sees_a_crossover() -> None:
    frame = pd.read_csv(raw_file("GOOG.csv"), index_col=0)
    close = frame["Close"].astype(float)
    fast, slow = close.rolling(10).mean().to_numpy(), close.rolling(20).mean().to_numpy()
    columns = (frame[name].astype(float).tolist() for name in ("Open", "High", "Low", "Close"))
    bars = Bars(list(range(len(frame))), *columns, [0.0] * len(frame))

    signals = evaluate(
        program(
            "crosses_above(sma(close, 10), sma(close, 20))",
            "crosses_below(sma(close, 10), sma(close, 20))",
        ),
        bars,
    )

    ups = [i > 0 and crossover(fast[: i + 1], slow[: i + 1]) for i in range(len(frame))]
    downs = [i > 0 and crossover(slow[: i + 1], fast[: i + 1]) for i in range(len(frame))]
    assert list(signals.entry) == [bool(v) for v in ups]
    assert list(signals.exit) == [bool(v) for v in downs]
    assert sum(signals.entry) + sum(signals.exit) > 80
    assert signals.start == 1 + int(np.argmin(np.isnan(slow)))
