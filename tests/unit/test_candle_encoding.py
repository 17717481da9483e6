"""Every format, encoded from numpy columns, decodes to the values of the reference encoding
(tests/unit/candle_reference.py) and is byte for byte the same document."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime
from typing import Any

import numpy as np
import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from adapters.inbound.http.ohlcv.cells import iso_cells
from adapters.inbound.http.ohlcv.encoders import arrow_chunks, csv_chunks, json_chunks
from core.domain.candles import MINUTE_MS, CandleSeries, to_ms
from core.domain.timeframe import Timeframe
from core.domain.values import EARLIEST, LATEST, Symbol
from core.use_cases.market_data.freshness import Freshness
from core.use_cases.market_data.get_candles import CandlePage, CandlesAnswer
from tests.unit.candle_reference import (
    FIELDS,
    arrow_csv,
    iso_times,
    reference_arrow,
    reference_csv,
    reference_json,
    reference_table,
)

FIRST, LAST = to_ms(EARLIEST), to_ms(LATEST) - 1
SPECIAL = [0.0, -0.0, 1.0, -3.0, 1e15, 1e16, 1e22, 1e-7, 5e-324, 1.7976931348623157e308]
numbers = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([*SPECIAL, float("nan"), float("inf"), float("-inf")]),
    st.integers(-(10**9), 10**9).map(float),
    st.decimals(0, 100_000, places=4).map(float),
)
instants = st.one_of(
    st.integers(FIRST // MINUTE_MS, LAST // MINUTE_MS).map(lambda m: m * MINUTE_MS),
    st.integers(FIRST, LAST),
)
ONE_MINUTE = Timeframe.parse("1m")


@st.composite
def series(draw: st.DrawFn, symbol: str) -> CandleSeries:
    times = sorted(draw(st.lists(instants, max_size=12, unique=True)))
    columns = [draw(st.lists(numbers, min_size=len(times), max_size=len(times))) for _ in FIELDS]
    return CandleSeries(Symbol(symbol), ONE_MINUTE, times, *columns)


@st.composite
def answers(draw: st.DrawFn) -> CandlesAnswer:
    symbols = draw(st.sampled_from([["BTC"], ["BTC", "ETH"], ["A.B", "C-D", "E/F"]]))
    pages = [CandlePage(draw(series(s)), draw(st.sampled_from([None, "YzE"]))) for s in symbols]
    start, end = datetime(2024, 1, 1, tzinfo=UTC), datetime(2024, 2, 1, tzinfo=UTC)
    return CandlesAnswer(pages, ONE_MINUTE, start, end, Freshness.IMMUTABLE)


def as_arrays(answer: CandlesAnswer) -> CandlesAnswer:
    """The same answer with numpy columns, as the DuckDB store gives them."""
    pages = []
    for page in answer.pages:
        s = page.series
        arrays: list[Any] = [np.asarray(s.times, np.int64)]
        arrays += [np.asarray(getattr(s, f), np.float64) for f in FIELDS]
        array_series = CandleSeries(s.symbol, s.timeframe, *arrays)
        pages.append(CandlePage(array_series, page.next_cursor))
    return CandlesAnswer(pages, answer.timeframe, answer.start, answer.end, answer.freshness)


def exactly(value: Any) -> str:
    """repr tells -0.0 from 0.0 and writes every float64 exactly."""
    return repr(value)


def stored(value: float) -> float | None:
    """What JSON can say of a float: NaN and the infinities become null."""
    return value if np.isfinite(value) else None


def many_of(answer: CandlesAnswer) -> bool:
    return len(answer.pages) > 1


@settings(max_examples=150, deadline=None)
@given(answers(), st.sampled_from(["rows", "columns"]), st.sampled_from(["iso", "epoch_ms"]))
def test_json_is_the_reference_document_from_lists_and_arrays(
    answer: CandlesAnswer, layout: str, time_format: str
) -> None:
    many = many_of(answer)
    reference = reference_json(answer, "1Y", layout, many, time_format)

    for given_as in (answer, as_arrays(answer)):
        ours = b"".join(json_chunks(given_as, "1Y", layout, many, 5, time_format))
        assert ours == reference
    decoded = json.loads(reference)
    for body, page in zip(decoded.get("results", [decoded]), answer.pages, strict=True):
        rows = body["candles"] if layout == "rows" else _rows(body["columns"])
        assert exactly([[r[f] for f in FIELDS] for r in rows]) == exactly(
            [[stored(getattr(page.series, f)[i]) for f in FIELDS] for i in range(len(rows))]
        )


def _rows(columns: dict[str, list[Any]]) -> list[dict[str, Any]]:
    return [
        dict(zip(columns, values, strict=True)) for values in zip(*columns.values(), strict=True)
    ]


@settings(max_examples=150, deadline=None)
@given(answers(), st.sampled_from(["iso", "epoch_ms"]))
def test_csv_parses_to_the_values_arrows_writer_wrote(
    answer: CandlesAnswer, time_format: str
) -> None:
    many = many_of(answer)
    before = arrow_csv(answer, many, time_format)

    ours = b"".join(csv_chunks(as_arrays(answer), many, 5, time_format))

    assert ours == reference_csv(answer, many, time_format)
    ours_rows, their_rows = _parsed(ours, many), _parsed(before, many)
    assert exactly(ours_rows) == exactly(their_rows)
    assert len(ours_rows) == 1 + sum(len(page.series) for page in answer.pages)


def _parsed(text: bytes, many: bool) -> list[list[Any]]:
    """Header and rows; the symbol and time as text, the numbers as floats."""
    lines = list(csv.reader(io.StringIO(text.decode())))
    lead = 2 if many else 1
    return [lines[0]] + [row[:lead] + [float(v) for v in row[lead:]] for row in lines[1:]]


@settings(max_examples=100, deadline=None)
@given(answers(), st.integers(1, 7))
def test_arrow_is_the_reference_stream_and_reads_back_the_same_values(
    answer: CandlesAnswer, rows: int
) -> None:
    many = many_of(answer)
    reference = reference_arrow(answer, many, rows)

    ours = b"".join(arrow_chunks(as_arrays(answer), many, rows))

    assert ours == reference
    read = pa.ipc.open_stream(io.BytesIO(ours)).read_all()
    assert exactly(read.to_pydict()) == exactly(reference_table(answer, many).to_pydict())


@given(st.lists(instants, max_size=40))
def test_iso_times_match_the_standard_library(times: list[int]) -> None:
    cells = iso_cells(np.asarray(times, np.int64), b'"', b'",')

    assert cells.to_pylist() == [f'"{text}",' for text in iso_times(times)]


def test_days_far_apart_are_named_without_a_table_of_every_day_between() -> None:
    times = [to_ms(datetime(year, 1, 1, tzinfo=UTC)) for year in (1900, 2000, 2200)]

    cells = iso_cells(np.asarray(times, np.int64))

    assert cells.to_pylist() == [
        "1900-01-01T00:00:00Z",
        "2000-01-01T00:00:00Z",
        "2200-01-01T00:00:00Z",
    ]
