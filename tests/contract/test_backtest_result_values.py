"""BacktestResultRepository: series and values come back bit for bit, or are refused."""

from __future__ import annotations

import math
import uuid
from array import array
from dataclasses import asdict, replace

import numpy as np
import pytest

from core.domain.errors import RuleViolated
from tests.contract.conftest import UowFactory
from tests.contract.stored_backtests import a_stored_backtest
from tests.contract.stored_results import put, read
from tests.support.builders import T0, a_result

A_LEAP_YEAR_OF_MINUTES = 366 * 24 * 60
# Bit patterns a text round trip would lose or change.
AWKWARD_FLOATS = [-0.0, math.inf, -math.inf, 5e-324, 1.7976931348623157e308, 0.1, 1 / 3]


async def test_a_year_of_minute_bars_round_trips_bit_for_bit(uow: UowFactory) -> None:
    owner = uuid.uuid4()
    backtest_id = await a_stored_backtest(uow, owner)
    result = a_result(owner, backtest_id, bars=A_LEAP_YEAR_OF_MINUTES)
    equity = [10_000 * (1 + math.sin(i / 997) / 3) for i in range(A_LEAP_YEAR_OF_MINUTES)]
    equity[: len(AWKWARD_FLOATS)] = AWKWARD_FLOATS
    times = list(result.times)
    times[:2] = [-(2**63), 2**63 - 1]
    result = replace(result, times=times, equity=equity)

    await put(uow, result)
    found = await read(uow, owner, backtest_id)

    assert found is not None
    assert len(found.times) == len(found.equity) == A_LEAP_YEAR_OF_MINUTES
    assert found.times == times
    assert array("d", found.equity).tobytes() == array("d", equity).tobytes()
    assert asdict(replace(found, times=[], equity=[])) == asdict(
        replace(result, times=[], equity=[])
    )


async def test_series_given_as_numpy_arrays_come_back_as_the_same_numbers(
    uow: UowFactory,
) -> None:
    owner = uuid.uuid4()
    backtest_id = await a_stored_backtest(uow, owner)
    times = np.arange(1_000, dtype=np.int64) * 60_000 - 2**62
    equity = np.linspace(-1e300, 1e300, 1_000)
    downsampled = np.arange(0.0, 2_000.0)[::2]  # not contiguous: taken value by value

    await put(uow, a_result(owner, backtest_id, times=times, equity=equity))
    found = await read(uow, owner, backtest_id)
    await put(uow, a_result(owner, backtest_id, times=times, equity=downsampled))
    again = await read(uow, owner, backtest_id)

    assert found is not None
    assert (found.times, found.equity) == (times.tolist(), equity.tolist())
    assert again is not None
    assert again.equity == downsampled.tolist()


async def test_an_empty_result_round_trips(uow: UowFactory) -> None:
    owner = uuid.uuid4()
    backtest_id = await a_stored_backtest(uow, owner)
    result = a_result(owner, backtest_id, bars=0, settings={}, fingerprint={})

    await put(uow, result)

    found = await read(uow, owner, backtest_id)
    assert found is not None
    assert asdict(found) == asdict(result)


@pytest.mark.parametrize(
    "fields",
    [
        {"times": [2**63]},
        {"times": [1.5]},
        {"equity": ["ten"]},
        {"statistics": {"sharpe": math.nan}},
        {"fingerprint": {"note": "a\x00"}},
        {"engine": "builtin\x00"},
    ],
    ids=["a time beyond int64", "a fractional time", "a text in equity", "NaN in statistics",
         "a NUL character in the fingerprint", "a NUL character in the engine"],
)  # fmt: skip
async def test_a_value_the_table_cannot_hold_is_refused(
    uow: UowFactory, fields: dict[str, object]
) -> None:
    owner = uuid.uuid4()
    backtest_id = await a_stored_backtest(uow, owner)

    with pytest.raises(RuleViolated):
        await put(uow, a_result(owner, backtest_id, bars=1, created_at=T0, **fields))

    assert await read(uow, owner, backtest_id) is None
