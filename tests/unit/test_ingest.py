from __future__ import annotations

import asyncio
import gzip
import io
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from adapters.outbound.market_data_storage.layout import yearly_key
from adapters.outbound.market_data_storage.roots import S3Root
from adapters.outbound.market_data_storage.sinks import LocalSink, S3Sink
from adapters.outbound.parquet.ingest.formats import FormatError, detect_format, parse
from adapters.outbound.parquet.ingest.ingest import StrictModeFailure, ingest_files
from adapters.outbound.parquet.ingest.timezones import to_utc_ms
from adapters.outbound.parquet.ingest.validation import (
    BAD_VOLUME,
    CONFLICT,
    HIGH_TOO_LOW,
    LOW_TOO_HIGH,
    NOT_POSITIVE,
    OFF_MINUTE,
)
from tests.support.marketdata import moto_s3

PLAIN = """timestamp,open,high,low,close,volume
2023-01-01T00:00:00Z,10,11,9,10.5,3
2023-01-01 00:01:00+00:00,10.5,12,10,11,4
2023-01-01 00:02:00,11,11.5,10.8,11.2,0
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    if name.endswith(".gz"):
        path.write_bytes(gzip.compress(text.encode()))
    else:
        path.write_text(text)
    return path


def utc(*args: int) -> int:
    return int(datetime(*args, tzinfo=UTC).timestamp() * 1000)  # type: ignore[misc]


def stored(sink_dir: Path, symbol: str, year: int) -> list[dict[str, object]]:
    return pq.read_table(sink_dir / yearly_key(symbol, year)).to_pylist()


@pytest.mark.parametrize("name", ["bars.csv", "bars.csv.gz"])
def test_a_plain_csv_is_read_with_or_without_offsets(tmp_path: Path, name: str) -> None:
    bars = parse(write(tmp_path, name, PLAIN), "auto", "UTC")

    assert list(bars.times) == [utc(2023, 1, 1, 0, m) for m in range(3)]
    assert list(bars.close) == [10.5, 11, 11.2]
    assert list(bars.lines) == [2, 3, 4]


def test_a_file_without_volume_gets_zero_volume(tmp_path: Path) -> None:
    text = "time,open,high,low,close\n2013-01-02 04:07:00+00:00,86.6,87.1,86.6,87.1\n"

    bars = parse(write(tmp_path, "fx.csv", text), "plain", "UTC")

    assert list(bars.volume) == [0.0]


def test_epoch_milliseconds_in_a_plain_file_are_read(tmp_path: Path) -> None:
    text = f"ts,open,high,low,close,volume\n{utc(2024, 5, 1)},1,1,1,1,1\n"

    assert list(parse(write(tmp_path, "e.csv", text), "auto", "UTC").times) == [utc(2024, 5, 1)]


@pytest.mark.parametrize(
    ("local", "expected"),
    [
        ("20170102 020000", utc(2017, 1, 2, 7)),  # winter: EST, UTC-5
        ("20170615 120000", utc(2017, 6, 15, 16)),  # summer: EDT, UTC-4
        ("20171105 013000", utc(2017, 11, 5, 5, 30)),  # the repeated hour: first occurrence (EDT)
        ("20170312 023000", utc(2017, 3, 12, 7, 30)),  # the missing hour: offset before the change
    ],
)
def test_histdata_times_are_new_york_time(tmp_path: Path, local: str, expected: int) -> None:
    path = write(tmp_path, "DAT_ASCII_EURUSD_M1_2017.csv", f"{local};1.05;1.06;1.04;1.055;0\n")

    bars = parse(path, "auto", "America/New_York")

    assert list(bars.times) == [expected]


def test_histdata_can_use_the_documented_fixed_offset(tmp_path: Path) -> None:
    path = write(tmp_path, "h.csv", "20170615 120000;1.05;1.06;1.04;1.055;0\n")

    assert list(parse(path, "histdata", "-05:00").times) == [utc(2017, 6, 15, 17)]


def test_an_unknown_time_zone_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown time zone"):
        to_utc_ms(np.array([0]), "Mars/Olympus")


@pytest.mark.parametrize("scale", [1, 1000])
def test_binance_klines_in_milliseconds_or_microseconds(tmp_path: Path, scale: int) -> None:
    opened = utc(2024, 1, 1) * scale
    line = f"{opened},42000.1,42100,41900,42050,12.5,{opened + 59999},525000,100,6,250000,0\n"

    bars = parse(write(tmp_path, "BTCUSDT-1m-2024-01.csv", line), "auto", "UTC")

    assert list(bars.times) == [utc(2024, 1, 1)]
    assert list(bars.volume) == [12.5]


def test_an_unrecognised_file_is_named_in_the_error(tmp_path: Path) -> None:
    with pytest.raises(FormatError, match=r"odd\.csv"):
        detect_format(write(tmp_path, "odd.csv", "hello world\n"))


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
