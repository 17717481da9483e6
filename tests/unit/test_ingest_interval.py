"""Only 1-minute bars are stored: other intervals are refused, naming the interval found."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pyarrow.parquet as pq
import pytest

from adapters.outbound.parquet.ingest.interval import NotMinuteBars, check_minute_bars
from bootstrap.ingest_command import add_ingest_parser, ingest
from bootstrap.settings import Settings
from tests.support.shared_data import raw_file

MINUTE, HOUR, DAY = 60_000, 3_600_000, 86_400_000
MONDAY = int(datetime(2024, 1, 1, tzinfo=UTC).timestamp() * 1000)


async def run(tmp_path: Path, capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    """The ingest command's entry function on DATA_DIR=tmp_path/data: (exit status, stderr)."""
    root = argparse.ArgumentParser()
    add_ingest_parser(root.add_subparsers(dest="command"))
    code = await ingest(Settings(data_dir=tmp_path / "data"), root.parse_args(["ingest", *argv]))
    return code, capsys.readouterr().err


def stored_files(tmp_path: Path) -> list[Path]:
    """The minute files (rollups beside them hold the same bars again, aggregated)."""
    found = sorted((tmp_path / "data").rglob("*.parquet"))
    return [path for path in found if "/rollup/" not in path.as_posix()]


def weekdays(step: int, days: int = 60) -> np.ndarray:
    """Times `step` apart on weekdays only, like a market closed at weekends."""
    times = np.arange(MONDAY, MONDAY + days * DAY, step)
    return times[((times // DAY) + 3) % 7 < 5]


def test_one_minute_bars_with_weekend_gaps_and_missing_minutes_pass() -> None:
    times = weekdays(MINUTE, days=14)
    holes = np.random.default_rng(7).random(len(times)) < 0.3

    check_minute_bars("fx.csv", times[~holes])


@pytest.mark.parametrize(
    ("times", "named"),
    [
        (weekdays(DAY), "1-day bars (median spacing 1 day)"),
        (weekdays(HOUR), "1-hour bars (median spacing 1 hour)"),
        (weekdays(5 * MINUTE), "5-minute bars (median spacing 5 minutes)"),
        (np.arange(MONDAY, MONDAY + 40 * 7 * DAY, 7 * DAY), "1-week bars (median spacing 7 days)"),
        (
            np.array([datetime(2023, m, 1, tzinfo=UTC).timestamp() * 1000 for m in range(1, 13)]),
            "1-month bars (median spacing 31 days)",
        ),
    ],
)
def test_other_intervals_are_refused_by_name(times: np.ndarray, named: str) -> None:
    with pytest.raises(NotMinuteBars) as refusal:
        check_minute_bars("d.csv", times.astype(np.int64))

    assert str(refusal.value) == f"d.csv holds {named}; ingest takes 1-minute bars only"


async def test_a_daily_file_with_a_pandas_index_column_is_refused_and_nothing_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    days = [datetime(2024, 1, 1) + timedelta(days=d) for d in range(30)]
    rows = [f"{d:%Y-%m-%d},100,104,96,101,2235" for d in days if d.weekday() < 5]
    source = tmp_path / "DAILY.csv"
    source.write_text(",Open,High,Low,Close,Volume\n" + "\n".join(rows) + "\n")

    code, err = await run(tmp_path, capsys, str(source), "--symbol", "GOOG")

    assert code == 2
    assert f"{source} holds 1-day bars (median spacing 1 day)" in err
    assert "ingest takes 1-minute bars only" in err
    assert len(err.splitlines()) == 1
    assert stored_files(tmp_path) == []


async def test_one_refused_file_stops_the_others_from_being_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    minutes = tmp_path / "minutes.csv"
    minutes.write_text(
        "ts,open,high,low,close\n" + "".join(f"{MONDAY + m * MINUTE},1,2,1,2\n" for m in range(9))
    )
    hours = tmp_path / "hours.csv"
    hours.write_text(
        "ts,open,high,low,close\n" + "".join(f"{MONDAY + h * HOUR},1,2,1,2\n" for h in range(9))
    )

    code, err = await run(tmp_path, capsys, str(minutes), str(hours), "--symbol", "X")

    assert code == 2
    assert f"{hours} holds 1-hour bars" in err
    assert stored_files(tmp_path) == []


@pytest.mark.realdata
@pytest.mark.parametrize(
    ("name", "named"),
    [
        ("GOOG.csv", "1-day bars (median spacing 1 day)"),
        ("EURUSD.csv", "1-hour bars (median spacing 1 hour)"),
        ("BTCUSD.csv", "1-month bars (median spacing 31 days)"),
    ],
)
async def test_the_real_daily_hourly_and_monthly_files_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, named: str
) -> None:
    source = raw_file(name)

    code, err = await run(tmp_path, capsys, str(source), "--symbol", "X")

    assert code == 2
    assert err.strip() == (
        f"ingest: {source} holds {named}; ingest takes 1-minute bars only; nothing was written"
    )
    assert stored_files(tmp_path) == []


@pytest.mark.realdata
@pytest.mark.parametrize(
    ("name", "rows"),
    [
        ("fxcm-gbpusd-m1-bid-2012.csv", 368_621),
        ("DAT_ASCII_EURUSD_M1_201703.csv", 32_660),
        ("6EH4.XCME_1min_bars_20240101_20240131.csv.gz", 29_996),
    ],
)
async def test_the_real_minute_files_are_accepted_whole(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, rows: int
) -> None:
    source = raw_file(name)

    code, err = await run(tmp_path, capsys, str(source), "--symbol", "X")

    assert (code, err) == (0, "")
    assert sum(pq.read_metadata(path).num_rows for path in stored_files(tmp_path)) == rows
