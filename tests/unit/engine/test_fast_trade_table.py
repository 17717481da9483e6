"""A fast run's trades read as the reference engine's list, made once, on first read."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from adapters.outbound.engine.fast.engine import FastEngine
from adapters.outbound.engine.fast.trade_table import TradeTable
from adapters.outbound.engine.reference import ReferenceEngine
from core.domain.engine.execution import ExecutionSettings
from tests.unit.engine.builders import ohlc_bars, signals_for

FAST, REFERENCE = FastEngine(), ReferenceEngine()
BOTH_WAYS = ExecutionSettings(allow_short=True)


@st.composite
def runs(draw: st.DrawFn) -> tuple[TradeTable, list]:  # type: ignore[type-arg]
    bars = draw(ohlc_bars(min_size=3))
    signals = draw(signals_for(len(bars)))
    fast = FAST.simulate(bars, signals, BOTH_WAYS).trades
    assert isinstance(fast, TradeTable)
    return fast, list(REFERENCE.simulate(bars, signals, BOTH_WAYS).trades)


@settings(deadline=None)  # the first example may load the compiled code
@given(runs())
def test_the_table_reads_as_the_reference_list(run: tuple[TradeTable, list]) -> None:  # type: ignore[type-arg]
    table, expected = run

    assert table == expected
    assert expected == table
    assert len(table) == len(expected)
    assert list(table) == expected
    assert [table[i] for i in range(len(table))] == expected
    assert table[1:] == expected[1:]
    assert table[-1:] == expected[-1:]
    assert table != [*expected, None]
    assert table != "trades"


@settings(deadline=None)
@given(runs())
def test_rows_are_made_once_and_kept(run: tuple[TradeTable, list]) -> None:  # type: ignore[type-arg]
    table, _ = run

    assert table.rows() is table.rows() is table.rows()
