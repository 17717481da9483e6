"""Stores with and without rollups over the same files, how their answers must compare, and
the rollup command run in-process.

Open, high, low and close must be bit-identical. Volumes are sums of floats added in another
order (hourly sums, then their sum); both paths use DuckDB's fsum (Kahan), whose error is at
most about 2 ulps of the total each (non-negative volumes), so the answers may differ by a few
ulps: VOLUME_TOLERANCE (relative 1e-15, about 4.5 ulps) bounds that. Whole-number volumes
sum exactly either way and are compared exactly.
"""

from __future__ import annotations

import argparse
from datetime import UTC, datetime

import pytest

from adapters.outbound.duckdb.candle_store import DuckDbCandleStore
from adapters.outbound.duckdb.engine import DuckDbEngine
from adapters.outbound.market_data_storage.bars_table import to_parquet_bytes
from adapters.outbound.market_data_storage.layout import yearly_key
from adapters.outbound.market_data_storage.roots import Root
from adapters.outbound.market_data_storage.sinks import Sink
from bootstrap.rollup_command import add_rollup_parser, rollup
from bootstrap.settings import Settings
from core.domain.candles import CandleSeries
from tests.support.marketdata import Bar, table

VOLUME_TOLERANCE = 1e-15


def by_year(rows: list[Bar]) -> dict[int, list[Bar]]:
    years: dict[int, list[Bar]] = {}
    for bar in rows:
        years.setdefault(datetime.fromtimestamp(bar[0] / 1000, UTC).year, []).append(bar)
    return years


async def write_years(sink: Sink, symbol: str, rows: list[Bar]) -> None:
    """The bars as the yearly layout's files, written as ingest writes them."""
    for year, chunk in by_year(rows).items():
        await sink.write(yearly_key(symbol, year), to_parquet_bytes(table(chunk)))


def stores(root: Root, engine: DuckDbEngine) -> tuple[DuckDbCandleStore, DuckDbCandleStore]:
    """(with rollups, without), neither keeping a listing: each read sees the files as they are."""
    return (
        DuckDbCandleStore(root, engine, listing_ttl_seconds=0),
        DuckDbCandleStore(root, engine, listing_ttl_seconds=0, rollups=False),
    )


def assert_same_answer(
    actual: CandleSeries, expected: CandleSeries, *, exact_volume: bool = False
) -> None:
    assert list(actual.times) == list(expected.times)
    for column in ("open", "high", "low", "close"):
        assert list(getattr(actual, column)) == list(getattr(expected, column)), column
    if exact_volume:
        assert list(actual.volume) == list(expected.volume)
    else:
        assert list(actual.volume) == pytest.approx(
            list(expected.volume), rel=VOLUME_TOLERANCE, abs=0
        )


async def run_rollup(
    settings: Settings, capsys: pytest.CaptureFixture[str], *argv: str
) -> tuple[int, list[str], str]:
    """(exit status, stdout lines, stderr) of the rollup command's entry function."""
    parser = argparse.ArgumentParser(prog="python -m bootstrap")
    add_rollup_parser(parser.add_subparsers(dest="command"))
    code = await rollup(settings, parser.parse_args(["rollup", *argv]))
    out, err = capsys.readouterr()
    return code, out.splitlines(), err
