"""On a year of USDJPY minutes both implementations equal pandas bit for bit; a running
sum that is off by 4e-13 would flip crossovers here."""

from __future__ import annotations

from functools import cache

import numpy as np
import pandas as pd
import pytest

from tests.support.shared_data import raw_file
from tests.unit.rules.builders import assert_same_bits
from tests.unit.rules.implementations import IMPLEMENTATIONS, atr_of
from tests.unit.rules.pandas_definitions import SERIES_DEFINITIONS, atr

pytestmark = pytest.mark.realdata


@cache
def usdjpy() -> pd.DataFrame:
    return pd.read_csv(raw_file("fxcm-usdjpy-m1-bid-2013.csv"), usecols=["high", "low", "close"])


@pytest.mark.parametrize("implementation", sorted(IMPLEMENTATIONS))
@pytest.mark.parametrize(
    ("indicator", "window"),
    [
        ("sma", 10), ("sma", 40), ("sma", 200), ("ema", 12), ("ema", 200), ("rsi", 14),
        ("stdev", 20), ("bb_upper", 20), ("highest", 55), ("lowest", 20), ("shift", 1),
    ],
)  # fmt: skip
def test_an_indicator_of_a_year_of_minute_closes_is_its_pandas_expression(
    implementation: str, indicator: str, window: int
) -> None:
    close = usdjpy()["close"]
    expected = SERIES_DEFINITIONS[indicator](close, window)

    actual = IMPLEMENTATIONS[implementation][indicator](close.to_numpy().tolist(), window)

    assert_same_bits(actual, expected.to_numpy())


@pytest.mark.parametrize("implementation", sorted(IMPLEMENTATIONS))
def test_the_average_true_range_of_a_year_of_minutes_is_its_pandas_expression(
    implementation: str,
) -> None:
    frame = usdjpy()
    expected = atr(frame["high"], frame["low"], frame["close"], 14)

    columns = (frame[name].to_numpy().tolist() for name in ("high", "low", "close"))
    actual = atr_of(implementation)(*columns, 14)

    assert_same_bits(actual, expected.to_numpy())


def test_a_plain_running_sum_would_not_be_exact_on_these_minutes() -> None:
    close = usdjpy()["close"].to_numpy()
    running = np.cumsum(np.concatenate([[0.0], close]))
    naive = (running[40:] - running[:-40]) / 40

    assert not np.array_equal(naive, usdjpy()["close"].rolling(40).mean().to_numpy()[39:])
