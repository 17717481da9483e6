"""Ingest reads plain CSV, HistData and Binance files, in their own time zones."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from adapters.outbound.parquet.ingest.formats import FormatError, detect_format, parse
from adapters.outbound.parquet.ingest.timezones import to_utc_ms
from tests.unit.ingest_files import PLAIN, utc, write


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
