"""Figures of the equity curve against the bars: period returns, market beta, exposure."""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence

from core.domain.engine.numeric import NAN, divide, pairwise_sum
from core.domain.engine.periods import Sampling, period_key


def period_returns(times: Sequence[int], equity: Sequence[float], every: Sampling) -> list[float]:
    """Returns between the last equity values of consecutive calendar periods that have bars."""
    closes: list[float] = []
    current = None
    for ms, value in zip(times, equity, strict=True):
        key = period_key(ms, every)
        if key != current:
            closes.append(value)
            current = key
        else:
            closes[-1] = value
    returns = []
    for before, after in itertools.pairwise(closes):
        if before == 0 and after == 0:
            continue  # 0/0 is NaN in pandas, and dropped
        returns.append(divide(after, before) - 1)
    return returns


def beta(equity: Sequence[float], close: Sequence[float]) -> float:
    """Covariance of bar log returns of equity and close over the variance of the latter."""
    if len(equity) < 3:
        return NAN
    if min(equity) <= 0 or min(close) <= 0:
        return NAN  # a log of zero makes numpy's covariance NaN
    mine = _log_returns(equity)
    market = _log_returns(close)
    mine_mean = pairwise_sum(mine) / len(mine)
    market_mean = pairwise_sum(market) / len(market)
    mine_dev = [value - mine_mean for value in mine]
    market_dev = [value - market_mean for value in market]
    scale = 1 / (len(mine) - 1)
    covariance = pairwise_sum([a * b for a, b in zip(mine_dev, market_dev, strict=True)]) * scale
    variance = pairwise_sum([b * b for b in market_dev]) * scale
    return divide(covariance, variance)


def exposed_bars(count: int, spans: Sequence[tuple[int, int]]) -> int:
    """How many bars lie inside some (entry bar, exit bar) span, both ends included."""
    inside = [False] * count
    for entry, exit_ in spans:
        inside[entry : exit_ + 1] = [True] * (exit_ + 1 - entry)
    return sum(inside)


def _log_returns(values: Sequence[float]) -> list[float]:
    return [math.log(after / before) for before, after in itertools.pairwise(values)]
