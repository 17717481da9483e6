"""Bars and Signals: the engine's inputs, checked on construction."""

from __future__ import annotations

import pytest

from core.domain.candles import CandleSeries
from core.domain.engine.bars import Bars
from core.domain.engine.signals import Signals
from core.domain.errors import RuleViolated
from core.domain.timeframe import Timeframe
from core.domain.values import Symbol


def test_bars_are_taken_from_a_candle_series_column_by_column() -> None:
    series = CandleSeries(
        Symbol("BTC"), Timeframe.parse("1d"), (0, 86_400_000), (1.0, 2.0), (2.0, 3.0),
        (0.5, 1.5), (1.5, 2.5), (10.0, 20.0),
    )  # fmt: skip

    bars = Bars.from_series(series)

    assert len(bars) == 2
    assert (bars.times, bars.open, bars.close, bars.volume) == (
        (0, 86_400_000), (1.0, 2.0), (1.5, 2.5), (10.0, 20.0),
    )  # fmt: skip


def test_bar_columns_of_different_lengths_are_refused() -> None:
    with pytest.raises(RuleViolated):
        Bars([0, 1], [1.0], [1.0], [1.0], [1.0], [0.0])


def test_signals_need_equal_columns_and_a_start_after_the_first_bar() -> None:
    with pytest.raises(RuleViolated):
        Signals([True], [False, False], [False], [False])
    with pytest.raises(RuleViolated):
        Signals([True], [False], [False], [False], start=0)
    assert len(Signals([True, False], [False] * 2, [False] * 2, [False] * 2)) == 2
