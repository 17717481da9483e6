"""Test data for the engine: bars from pandas frames and back, SMA signals, generated OHLC."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import strategies as st

from core.domain.engine.bars import Bars
from core.domain.engine.signals import Signals
from tests.support.shared_data import raw_file

DAY_MS = 86_400_000


def bars_of(frame: pd.DataFrame) -> Bars:
    times = frame.index.as_unit("ms").asi8.tolist()
    volume = frame["Volume"] if "Volume" in frame else pd.Series(0.0, index=frame.index)
    columns = (frame[name].astype(float).tolist() for name in ("Open", "High", "Low", "Close"))
    return Bars(times, *columns, volume.astype(float).tolist())


def frame_of(bars: Bars) -> pd.DataFrame:
    index = pd.DatetimeIndex(pd.to_datetime(list(bars.times), unit="ms"))
    columns = {
        "Open": bars.open, "High": bars.high, "Low": bars.low, "Close": bars.close,
        "Volume": bars.volume,
    }  # fmt: skip
    return pd.DataFrame({name: list(values) for name, values in columns.items()}, index=index)


def goog() -> pd.DataFrame:
    return pd.read_csv(raw_file("GOOG.csv"), index_col=0, parse_dates=True)


def usdjpy(count: int | None = None) -> pd.DataFrame:
    """FXCM's USDJPY bid minutes of 2013 (no volume), the first `count` of them."""
    frame = pd.read_csv(raw_file("fxcm-usdjpy-m1-bid-2013.csv"), nrows=count)
    frame.index = pd.DatetimeIndex(pd.to_datetime(frame.pop("timestamp"), utc=True))
    frame.index = frame.index.tz_convert(None)
    return frame.rename(columns=str.capitalize)


def crossover(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """backtesting.py's crossover(a, b) at every bar: a[-2] < b[-2] and a[-1] > b[-1]."""
    crossed = np.zeros(len(a), dtype=bool)
    crossed[1:] = (a[:-1] < b[:-1]) & (a[1:] > b[1:])
    return crossed


def sma_cross(frame: pd.DataFrame, fast: int, slow: int, *, exits: bool = False) -> Signals:
    """Buy when the fast SMA crosses above the slow one, sell on the cross below.

    With `exits` the crosses below also close a long (and above close a short), which only
    matters when shorts are not allowed. Warm-up: the slow SMA's first value.
    """
    close = frame["Close"]
    quick = close.rolling(fast).mean().to_numpy()
    slow_sma = close.rolling(slow).mean().to_numpy()
    up, down = crossover(quick, slow_sma), crossover(slow_sma, quick)
    never = [False] * len(frame)
    warm_up = int(np.isnan(slow_sma).argmin())
    return Signals(
        up.tolist(),
        down.tolist() if exits else never,
        down.tolist(),
        up.tolist() if exits else never,
        start=1 + warm_up,
    )


@st.composite
def ohlc_bars(draw: st.DrawFn, min_size: int = 2, max_size: int = 60) -> Bars:
    """Random-walk OHLC with high >= max(open, close) and low <= min(open, close).

    Bars are a day or a few hours apart, with the odd gap, starting on a random day of 2020.
    """
    count = draw(st.integers(min_size, max_size))
    steps = draw(st.lists(st.floats(-0.2, 0.2), min_size=count * 3, max_size=count * 3))
    spacing = draw(st.sampled_from([DAY_MS, DAY_MS // 6, 7 * DAY_MS]))
    first = 1_577_836_800_000 + draw(st.integers(0, 365)) * DAY_MS
    gaps = draw(st.lists(st.sampled_from([1, 1, 1, 2, 3]), min_size=count, max_size=count))
    times, opens, highs, lows, closes = [], [], [], [], []
    price, moment = draw(st.floats(5, 500)), first
    for i in range(count):
        open_ = price
        close = max(0.5, round(open_ * (1 + steps[3 * i]), 4))
        high = max(open_, close) * (1 + abs(steps[3 * i + 1]) / 4)
        low = min(open_, close) * (1 - abs(steps[3 * i + 2]) / 4)
        times.append(moment)
        opens.append(open_)
        highs.append(high)
        lows.append(low)
        closes.append(close)
        price, moment = close, moment + spacing * gaps[i]
    return Bars(times, opens, highs, lows, closes, [0.0] * count)


@st.composite
def signals_for(draw: st.DrawFn, count: int) -> Signals:
    """Sparse random signals of `count` bars, and a warm-up start within them."""
    sparse = st.lists(st.sampled_from([False] * 5 + [True]), min_size=count, max_size=count)
    start = draw(st.integers(1, max(1, count - 1)))
    return Signals(draw(sparse), draw(sparse), draw(sparse), draw(sparse), start=start)


def daily(rows: list[tuple[float, float, float, float]], first_day: int = 19_723) -> Bars:
    """Bars one UTC day apart from (open, high, low, close) rows; day 19723 is 2024-01-01."""
    times = [(first_day + i) * DAY_MS for i in range(len(rows))]
    opens, highs, lows, closes = (list(column) for column in zip(*rows, strict=True))
    return Bars(times, opens, highs, lows, closes, [0.0] * len(rows))


def at(count: int, *bars: int) -> list[bool]:
    """A signal column of `count` bars, True at the given bars."""
    return [i in bars for i in range(count)]


def only(count: int, *, start: int = 1, **columns: list[bool]) -> Signals:
    """Signals with the named columns given and the others never true."""
    never = [False] * count
    return Signals(
        columns.get("entry", never),
        columns.get("exit", never),
        columns.get("short_entry", never),
        columns.get("short_exit", never),
        start=start,
    )
