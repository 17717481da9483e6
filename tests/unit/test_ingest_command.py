"""The ingest command's edges: the symbol, a forced format, its help, and a real process."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from adapters.outbound.market_data_storage.layout import yearly_key
from bootstrap.ingest_command import add_ingest_parser, ingest
from bootstrap.settings import Settings

PLAIN = "timestamp,open,high,low,close,volume\n" + "".join(
    f"2023-01-01T00:0{m}:00Z,10,11,9,10.5,3\n" for m in range(5)
)
HISTDATA = "".join(f"20170102 020{m}00;1.05;1.06;1.04;1.055;0\n" for m in range(5))
BINANCE = "".join(
    f"{1704067200000 + m * 60_000},42000,42100,41900,42050,12.5,0,0,0,0,0,0\n" for m in range(5)
)


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="python -m bootstrap")
    add_ingest_parser(root.add_subparsers(dest="command"))
    return root


async def run(tmp_path: Path, capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    """The ingest command's entry function on DATA_DIR=tmp_path/data: (exit status, stderr)."""
    args = parser().parse_args(["ingest", *argv])
    code = await ingest(Settings(data_dir=tmp_path / "data"), args)
    return code, capsys.readouterr().err


def nothing_stored(tmp_path: Path) -> bool:
    return not list((tmp_path / "data").rglob("*.parquet"))


@pytest.mark.parametrize("symbol", ["bad/sym", "", "   ", "two words", "X" * 33, "é"])
async def test_an_invalid_symbol_is_one_line_and_exit_two_before_any_file_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], symbol: str
) -> None:
    code, err = await run(tmp_path, capsys, str(tmp_path / "absent.csv"), "--symbol", symbol)

    assert code == 2
    assert err.count("\n") == 1
    assert err.startswith(f"ingest: invalid symbol {symbol!r}")
    assert "absent.csv" not in err


async def test_a_lowercase_symbol_is_stored_upper_case(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.csv").write_text(PLAIN)

    code, _ = await run(tmp_path, capsys, str(tmp_path / "a.csv"), "--symbol", "eurusd")

    assert code == 0
    assert (tmp_path / "data" / "marketdata" / yearly_key("EURUSD", 2023)).is_file()


@pytest.mark.parametrize(
    ("fmt", "content", "expected"),
    [
        ("binance", PLAIN, "Binance kline lines starting with the open time"),
        ("binance", HISTDATA, "Binance kline lines starting with the open time"),
        ("histdata", PLAIN, "HistData ASCII M1 lines like"),
        ("histdata", BINANCE, "HistData ASCII M1 lines like"),
        ("plain", HISTDATA, "a header naming a time column"),
        ("plain", BINANCE, "a header naming a time column"),
    ],
)
async def test_a_forced_format_that_does_not_fit_is_refused_naming_file_and_format(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str, content: str, expected: str
) -> None:
    source = tmp_path / "input.csv"
    source.write_text(content)

    code, err = await run(tmp_path, capsys, str(source), "--symbol", "X", "--format", fmt)

    assert code == 2
    assert err.startswith(f"ingest: {source}: not a {fmt} file")
    assert f"expected {expected}" in err
    assert nothing_stored(tmp_path)


@pytest.mark.parametrize(
    ("fmt", "content"), [("plain", PLAIN), ("histdata", HISTDATA), ("binance", BINANCE)]
)
async def test_a_forced_format_that_fits_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str, content: str
) -> None:
    source = tmp_path / "input.csv"
    source.write_text(content)

    code, err = await run(tmp_path, capsys, str(source), "--symbol", "X", "--format", fmt)

    assert (code, err) == (0, "")
    assert not nothing_stored(tmp_path)


def test_the_help_documents_the_exit_status() -> None:
    usage = add_ingest_parser(argparse.ArgumentParser().add_subparsers()).format_help()

    assert "exit status:" in usage
    for line in ("0  every row was good", "1  some rows were refused", "2  nothing was written"):
        assert line in usage


def test_python_m_bootstrap_ingest_reports_bad_lines_and_writes_the_rest(tmp_path: Path) -> None:
    source = tmp_path / "bars.csv"
    source.write_text(PLAIN + "2023-01-01T00:05:00Z,10,abc,9,10.5,3\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith("MINIO_")}
    env["DATA_DIR"] = str(tmp_path / "data")

    done = subprocess.run(
        [sys.executable, "-m", "bootstrap", "ingest", "bars.csv", "--symbol", "EURUSD"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert done.returncode == 1
    assert done.stderr.splitlines() == ["bars.csv:7: high is not a number"]
    assert "read 6 row(s), kept 5" in done.stdout
    table = pq.read_table(tmp_path / "data" / "marketdata" / yearly_key("EURUSD", 2023))
    assert table.column("close").to_pylist() == [10.5] * 5
