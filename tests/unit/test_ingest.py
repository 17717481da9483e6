"""Ingest checks every row, writes one Parquet file per year, and repeats identically."""

from __future__ import annotations

import asyncio
import io
import tempfile
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from adapters.outbound.market_data_storage.layout import yearly_key
from adapters.outbound.market_data_storage.roots import S3Root
from adapters.outbound.market_data_storage.sinks import LocalSink, S3Sink
from adapters.outbound.parquet.ingest.ingest import StrictModeFailure, ingest_files
from adapters.outbound.parquet.ingest.validation import (
    BAD_VOLUME,
    CONFLICT,
    HIGH_TOO_LOW,
    LOW_TOO_HIGH,
    NOT_POSITIVE,
    OFF_MINUTE,
)
from tests.support.marketdata import moto_s3
from tests.unit.ingest_files import PLAIN, stored, utc, write


async def test_every_rule_reports_its_bad_rows_with_line_numbers(tmp_path: Path) -> None:
    text = (
        "timestamp,open,high,low,close,volume\n"
        "2023-01-01T00:00:00Z,10,11,9,10.5,3\n"  # line 2: fine
        "2023-01-01T00:01:00Z,10,9,8,10.5,3\n"  # line 3: high below close
        "2023-01-01T00:02:00Z,10,11,10.6,10.5,3\n"  # line 4: low above close
        "2023-01-01T00:03:00Z,10,11,9,10.5,-1\n"  # line 5: negative volume
        "2023-01-01T00:04:00Z,0,11,9,10.5,3\n"  # line 6: zero price
        "2023-01-01T00:05:30Z,10,11,9,10.5,3\n"  # line 7: not on a minute
    )

    report = await ingest_files(
        [write(tmp_path, "b.csv", text)], "BTC", LocalSink(tmp_path / "out")
    )

    assert {(p.line, p.reason) for p in report.problems} == {
        (3, HIGH_TOO_LOW),
        (4, LOW_TOO_HIGH),
        (5, BAD_VOLUME),
        (6, NOT_POSITIVE),
        (7, OFF_MINUTE),
    }
    assert report.rows_kept == 1
    assert len(stored(tmp_path / "out", "BTC", 2023)) == 1


async def test_strict_mode_writes_nothing_when_a_row_is_bad(tmp_path: Path) -> None:
    text = PLAIN + "2023-01-01T00:03:00Z,10,9,8,10.5,3\n"

    with pytest.raises(StrictModeFailure):
        await ingest_files(
            [write(tmp_path, "b.csv", text)], "BTC", LocalSink(tmp_path), strict=True
        )

    assert not (tmp_path / "ohlcv").exists()


async def test_exact_repeats_are_dropped_and_clashing_ones_reported(tmp_path: Path) -> None:
    text = PLAIN + "2023-01-01T00:00:00Z,10,11,9,10.5,3\n" + "2023-01-01T00:01:00Z,99,99,99,99,1\n"

    report = await ingest_files([write(tmp_path, "b.csv", text)], "BTC", LocalSink(tmp_path))

    assert report.duplicates_dropped == 1
    assert [(p.line, p.reason) for p in report.problems] == [(6, CONFLICT)]
    assert [row["close"] for row in stored(tmp_path, "BTC", 2023)] == [10.5, 11, 11.2]


async def test_ingests_accumulate_split_by_year_and_repeat_identically(tmp_path: Path) -> None:
    december = "timestamp,open,high,low,close,volume\n2022-12-31T23:59:00Z,1,2,1,2,1\n"
    out = LocalSink(tmp_path / "out")
    files = [write(tmp_path, "jan.csv", PLAIN), write(tmp_path, "dec.csv", december)]

    await ingest_files(files[:1], "BTC", out)
    await ingest_files(files[1:], "BTC", out)
    first = (tmp_path / "out" / yearly_key("BTC", 2023)).read_bytes()
    await ingest_files(files, "BTC", out)

    assert len(stored(tmp_path / "out", "BTC", 2022)) == 1
    assert len(stored(tmp_path / "out", "BTC", 2023)) == 3
    assert (tmp_path / "out" / yearly_key("BTC", 2023)).read_bytes() == first


async def test_newer_bars_replace_stored_ones_of_the_same_minute(tmp_path: Path) -> None:
    out = LocalSink(tmp_path)
    await ingest_files([write(tmp_path, "a.csv", PLAIN)], "BTC", out)
    fix = "timestamp,open,high,low,close,volume\n2023-01-01T00:01:00Z,10.5,12,10,11.9,4\n"

    await ingest_files([write(tmp_path, "fix.csv", fix)], "BTC", out)

    assert [row["close"] for row in stored(tmp_path, "BTC", 2023)] == [10.5, 11.9, 11.2]


async def test_ingest_uploads_to_the_bucket(tmp_path: Path) -> None:
    with moto_s3() as settings:
        root = S3Root(settings)
        try:
            report = await ingest_files([write(tmp_path, "a.csv", PLAIN)], "BTC", S3Sink(root))
            data = await S3Sink(root).read(yearly_key("BTC", 2023))
        finally:
            await root.close()

    assert report.written == {yearly_key("BTC", 2023): 3}
    assert data is not None
    assert pq.read_table(io.BytesIO(data)).num_rows == 3


# A run of consecutive minutes (1-minute bars), often across the new year, in any order.
first_minutes = st.one_of(st.integers(525_600 - 60, 525_600), st.integers(0, 2 * 525_600))


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(first_minutes, st.integers(1, 60), st.randoms(use_true_random=False))
def test_valid_bars_round_trip_sorted(tmp_path: Path, first: int, count: int, rng: object) -> None:
    start = utc(2023, 1, 1)
    offsets = list(range(first, first + count))
    rng.shuffle(offsets)  # type: ignore[attr-defined]
    rows = []
    for offset in offsets:
        o, c = rng.uniform(1, 100), rng.uniform(1, 100)  # type: ignore[attr-defined]
        rows.append(
            (start + offset * 60_000, o, max(o, c) + 1, min(o, c) / 2, c, rng.uniform(0, 9))
        )  # type: ignore[attr-defined]
    lines = [f"{ms},{o!r},{h!r},{low!r},{c!r},{v!r}" for ms, o, h, low, c, v in rows]
    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    path = write(folder, "in.csv", "ts,open,high,low,close,volume\n" + "\n".join(lines) + "\n")

    asyncio.run(ingest_files([path], "X", LocalSink(folder)))

    back = []
    for year in (2023, 2024, 2025):
        if (folder / yearly_key("X", year)).exists():
            back += stored(folder, "X", year)
    assert [
        (
            int(r["timestamp"].timestamp() * 1000),
            r["open"],
            r["high"],
            r["low"],
            r["close"],
            r["volume"],
        )
        for r in back
    ] == sorted(rows)
