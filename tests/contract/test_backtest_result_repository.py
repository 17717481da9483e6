"""BacktestResultRepository: every implementation, the same behaviour."""

from __future__ import annotations

import math
import uuid
from array import array
from dataclasses import asdict, replace

import numpy as np
import pytest

from core.domain.backtest_result import BacktestResult
from core.domain.errors import NotFound, RuleViolated
from tests.contract.conftest import UowFactory
from tests.support.builders import T0, a_backtest, a_result

A_LEAP_YEAR_OF_MINUTES = 366 * 24 * 60
# Bit patterns a text round trip would lose or change.
AWKWARD_FLOATS = [-0.0, math.inf, -math.inf, 5e-324, 1.7976931348623157e308, 0.1, 1 / 3]


async def a_stored_backtest(uow: UowFactory, owner: uuid.UUID) -> uuid.UUID:
    backtest = a_backtest(owner)
    async with uow() as tx:
        await tx.backtests.add(backtest)
        await tx.commit()
    return backtest.id


async def put(uow: UowFactory, result: BacktestResult) -> None:
    async with uow() as tx:
        await tx.results.put(result)
        await tx.commit()


async def read(uow: UowFactory, owner: uuid.UUID, backtest_id: uuid.UUID) -> BacktestResult | None:
    async with uow() as tx:
        return await tx.results.get(owner, backtest_id)


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


async def test_a_later_result_replaces_the_earlier_one(uow: UowFactory) -> None:
    owner = uuid.uuid4()
    backtest_id = await a_stored_backtest(uow, owner)
    await put(uow, a_result(owner, backtest_id, bars=5))
    later = a_result(owner, backtest_id, bars=2, statistics={"trades": 0}, engine="builtin 1.1")

    await put(uow, later)

    found = await read(uow, owner, backtest_id)
    assert found is not None
    assert asdict(found) == asdict(later)


async def test_an_empty_result_round_trips(uow: UowFactory) -> None:
    owner = uuid.uuid4()
    backtest_id = await a_stored_backtest(uow, owner)
    result = a_result(owner, backtest_id, bars=0, settings={}, fingerprint={})

    await put(uow, result)

    found = await read(uow, owner, backtest_id)
    assert found is not None
    assert asdict(found) == asdict(result)


async def test_another_owner_can_neither_read_delete_nor_write_it(uow: UowFactory) -> None:
    owner, stranger = uuid.uuid4(), uuid.uuid4()
    backtest_id = await a_stored_backtest(uow, owner)
    result = a_result(owner, backtest_id)
    await put(uow, result)

    async with uow() as tx:
        assert await tx.results.get(stranger, backtest_id) is None
        await tx.results.delete(stranger, backtest_id)
        with pytest.raises(NotFound):
            await tx.results.put(a_result(stranger, backtest_id))
        await tx.commit()

    found = await read(uow, owner, backtest_id)
    assert found is not None
    assert found.run_id == result.run_id


async def test_a_result_for_a_missing_backtest_is_not_found(uow: UowFactory) -> None:
    owner, backtest_id = uuid.uuid4(), uuid.uuid4()

    with pytest.raises(NotFound):
        await put(uow, a_result(owner, backtest_id))

    assert await read(uow, owner, backtest_id) is None


async def test_a_deleted_result_is_gone_and_deleting_again_is_fine(uow: UowFactory) -> None:
    owner = uuid.uuid4()
    backtest_id = await a_stored_backtest(uow, owner)
    await put(uow, a_result(owner, backtest_id))

    async with uow() as tx:
        await tx.results.delete(owner, backtest_id)
        await tx.results.delete(owner, backtest_id)
        await tx.commit()

    assert await read(uow, owner, backtest_id) is None


async def test_deleting_a_backtest_deletes_its_result(uow: UowFactory) -> None:
    owner = uuid.uuid4()
    backtest_id, kept_id = await a_stored_backtest(uow, owner), await a_stored_backtest(uow, owner)
    await put(uow, a_result(owner, backtest_id))
    await put(uow, a_result(owner, kept_id))

    async with uow() as tx:
        await tx.backtests.delete(owner, backtest_id)
        await tx.commit()

    assert await read(uow, owner, backtest_id) is None
    assert await read(uow, owner, kept_id) is not None


async def test_a_result_that_is_not_committed_leaves_nothing(uow: UowFactory) -> None:
    owner = uuid.uuid4()
    backtest_id = await a_stored_backtest(uow, owner)

    async with uow() as tx:
        await tx.results.put(a_result(owner, backtest_id))

    assert await read(uow, owner, backtest_id) is None


async def test_a_read_does_not_hand_out_the_stored_result(uow: UowFactory) -> None:
    owner = uuid.uuid4()
    backtest_id = await a_stored_backtest(uow, owner)
    await put(uow, a_result(owner, backtest_id))

    async with uow() as tx:
        found = await tx.results.get(owner, backtest_id)
        assert found is not None
        found.statistics["trades"] = 99
        assert isinstance(found.equity, list)
        found.equity.append(0.0)
        await tx.commit()
    again = await read(uow, owner, backtest_id)

    assert again is not None
    assert again.statistics["trades"] == 2
    assert len(again.equity) == 3


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
