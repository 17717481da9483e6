"""Malformed rows cost their own line only: reported as `file:line: reason`, the rest written."""

from __future__ import annotations

import argparse
import gzip
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from adapters.outbound.market_data_storage.layout import yearly_key
from adapters.outbound.parquet.ingest.formats import parse
from adapters.outbound.parquet.ingest.validation import Report, validate
from bootstrap.ingest_command import add_ingest_parser, ingest
from bootstrap.settings import Settings

HEADER = "timestamp,open,high,low,close,volume"
START = datetime(2023, 1, 1, tzinfo=UTC)


def bar(minute: int, close: float = 10.5, volume: str = "3") -> str:
    when = START + timedelta(minutes=minute)
    return f"{when:%Y-%m-%dT%H:%M:%SZ},10,11,9,{close},{volume}"


async def run(tmp_path: Path, capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    """The ingest command's entry function on DATA_DIR=tmp_path/data: (exit status, stderr)."""
    root = argparse.ArgumentParser()
    add_ingest_parser(root.add_subparsers(dest="command"))
    code = await ingest(Settings(data_dir=tmp_path / "data"), root.parse_args(["ingest", *argv]))
    return code, capsys.readouterr().err


def stored(tmp_path: Path, symbol: str = "EURUSD") -> list[dict[str, object]]:
    path = tmp_path / "data" / "marketdata" / yearly_key(symbol, 2023)
    return pq.read_table(path).to_pylist() if path.exists() else []


def problem_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if ".csv:" in line]


async def test_bad_rows_are_listed_by_line_and_the_good_ones_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [HEADER, bar(0), bar(1).replace(",10,", ",abc,", 1), bar(2), "2023-01-01T00:03:00Z,10"]
    rows += ["", "not a time,10,11,9,10.5,3", bar(5), bar(6) + ",7", bar(7)]
    source = tmp_path / "bars.csv"
    source.write_text("\n".join(rows) + "\n")

    code, err = await run(tmp_path, capsys, str(source), "--symbol", "EURUSD")

    assert code == 1
    assert problem_lines(err) == [
        f"{source}:3: open is not a number",
        f"{source}:5: too few fields (expected 6)",
        f"{source}:7: the time cannot be read",
        f"{source}:9: too many fields (expected 6)",
    ]
    assert [row["timestamp"].minute for row in stored(tmp_path)] == [0, 2, 5, 7]  # type: ignore[attr-defined]


async def test_a_file_of_good_rows_exits_zero(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "bars.csv"
    source.write_text("\n".join([HEADER, *(bar(m) for m in range(5))]) + "\n")

    code, err = await run(tmp_path, capsys, str(source), "--symbol", "EURUSD")

    assert (code, err) == (0, "")
    assert len(stored(tmp_path)) == 5


async def test_strict_mode_lists_the_bad_rows_writes_nothing_and_exits_two(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "bars.csv"
    source.write_text("\n".join([HEADER, bar(0), bar(1), "2023-01-01T00:02:00Z,10", bar(3)]))

    code, err = await run(tmp_path, capsys, str(source), "--symbol", "EURUSD", "--strict")

    assert code == 2
    assert problem_lines(err) == [f"{source}:4: too few fields (expected 6)"]
    assert "nothing was written" in err
    assert not (tmp_path / "data" / "marketdata" / "ohlcv").exists()


async def test_only_the_first_twenty_bad_rows_are_listed_but_all_are_counted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = [bar(m) for m in range(10)]
    bad = [bar(m).replace("Z,10,", "Z,x,", 1) for m in range(10, 60)]
    source = tmp_path / "bars.csv"
    source.write_text("\n".join([HEADER, *good, *bad]) + "\n")

    code, err = await run(tmp_path, capsys, str(source), "--symbol", "EURUSD")

    assert code == 1
    assert problem_lines(err) == [
        f"{source}:{line}: open is not a number" for line in range(12, 32)
    ]
    assert "... and 30 more" in err.splitlines()
    assert "50 x open is not a number" in err
    assert len(stored(tmp_path)) == 10


async def test_an_empty_volume_cell_is_volume_zero_not_a_bad_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "bars.csv"
    source.write_text("\n".join([HEADER, bar(0), bar(1, volume=""), bar(2, volume=" ")]) + "\n")

    code, err = await run(tmp_path, capsys, str(source), "--symbol", "EURUSD")

    assert (code, err) == (0, "")
    assert [row["volume"] for row in stored(tmp_path)] == [3.0, 0.0, 0.0]


async def test_an_empty_price_cell_is_a_bad_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "bars.csv"
    source.write_text("\n".join([HEADER, bar(0), bar(1).replace(",10,", ",,", 1), bar(2)]))

    code, err = await run(tmp_path, capsys, str(source), "--symbol", "EURUSD")

    assert code == 1
    assert problem_lines(err) == [f"{source}:3: open is missing"]


CORRUPTIONS = {
    "a price that is not a number": lambda line: line.replace("Z,10,", "Z,abc,", 1),
    "a short row": lambda line: line.rsplit(",", 3)[0],
    "an extra field": lambda line: line + ",1",
    "an unreadable time": lambda line: "2023-13-45 99:99," + line.split(",", 1)[1],
    "an empty open": lambda line: line.replace("Z,10,", "Z,,", 1),
}


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(st.sampled_from([None, "blank", *CORRUPTIONS]), min_size=1, max_size=60),
    st.integers(8, 300),
    st.booleans(),
    st.booleans(),
)
def test_exactly_the_corrupted_lines_are_reported_whatever_the_chunking(
    tmp_path: Path, kinds: list[str | None], chunk_bytes: int, crlf: bool, zipped: bool
) -> None:
    lines = [HEADER]
    corrupted: list[int] = []
    kept: list[int] = []
    for minute, kind in enumerate(kinds):
        if kind == "blank":
            lines.append("")
            continue
        lines.append(CORRUPTIONS[kind](bar(minute)) if kind else bar(minute))
        (corrupted if kind else kept).append(len(lines))
    text = ("\r\n" if crlf else "\n").join(lines)
    path = tmp_path / ("bars.csv.gz" if zipped else "bars.csv")
    path.write_bytes(gzip.compress(text.encode()) if zipped else text.encode())

    bars = parse(path, "auto", "UTC", chunk_bytes=chunk_bytes)
    report = Report()
    keep = validate(bars, report)

    assert sorted(p.line for p in report.problems) == corrupted[:20]
    assert report.bad_rows == len(corrupted)
    assert list(bars.lines[keep]) == kept
