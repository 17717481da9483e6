"""`python -m bootstrap rollup` on a folder: idempotent, incremental, its exit statuses."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

import pytest

from adapters.outbound.market_data_storage.bars_table import to_parquet_bytes
from adapters.outbound.market_data_storage.layout import daily_key, yearly_key
from adapters.outbound.market_data_storage.sinks import LocalSink
from bootstrap.rollup_command import add_rollup_parser
from bootstrap.settings import Settings
from tests.support.marketdata import bars, ms, table
from tests.support.rollups import run_rollup as run
from tests.support.rollups import write_years

BTC = bars(ms(2023, 12, 31, 12), 24 * 60, seed=3, gap_every=7)  # 2023 and 2024
ETH = bars(ms(2024, 3, 1), 600, seed=4)
ETH_DAY = date(2024, 3, 1)


@pytest.fixture
def local(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path)


def sink(settings: Settings) -> LocalSink:
    return LocalSink(settings.market_data_dir)


async def test_a_second_run_builds_nothing(
    local: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    await write_years(sink(local), "BTC", BTC)
    await write_years(sink(local), "ETH", ETH)

    first = await run(local, capsys)
    second = await run(local, capsys)

    assert first == (
        0,
        [
            "[1/3] (1Y) BTC 2023: built 1d, 1h, 5m",
            "[2/3] (1Y) BTC 2024: built 1d, 1h, 5m",
            "[3/3] (1Y) ETH 2024: built 1d, 1h, 5m",
            "built 9, up to date 0, failed 0",
        ],
        "",
    )
    assert second[0] == 0
    assert second[1][-1] == "built 0, up to date 9, failed 0"
    assert second[1][0] == "[1/3] (1Y) BTC 2023: up to date 1d, 1h, 5m"


async def test_only_the_year_rewritten_since_is_rebuilt(
    local: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    await write_years(sink(local), "BTC", BTC)
    await run(local, capsys)
    await sink(local).write(yearly_key("BTC", 2024), to_parquet_bytes(table(BTC[-100:])))

    code, out, _ = await run(local, capsys, "--no-progress")

    assert (code, out) == (0, ["built 3, up to date 3, failed 0"])


async def test_symbols_and_force_choose_what_is_built(
    local: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    await write_years(sink(local), "BTC", BTC)
    await write_years(sink(local), "ETH", ETH)
    await run(local, capsys)

    code, out, _ = await run(local, capsys, "--symbol", "eth", "--force")

    assert (code, out) == (
        0,
        ["[1/1] (1Y) ETH 2024: built 1d, 1h, 5m", "built 3, up to date 0, failed 0"],
    )


async def test_the_daily_layout_is_built_from_its_days(
    local: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    await sink(local).write(daily_key("ETH", ETH_DAY), to_parquet_bytes(table(ETH)))
    await write_years(sink(local), "BTC", BTC)

    code, out, _ = await run(local, capsys, "--source-resolution", "1m")

    assert (code, out) == (
        0,
        ["[1/1] (1m) ETH 2024: built 1d, 1h, 5m", "built 3, up to date 0, failed 0"],
    )
    assert (
        local.market_data_dir / "ohlcv/rollup/1m/1h/symbol=ETH/year=2024/ETH_2024.parquet"
    ).is_file()


async def test_a_year_that_cannot_be_read_fails_alone_with_exit_one(
    local: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    await write_years(sink(local), "BTC", BTC)
    await sink(local).write(yearly_key("BTC", 2023), b"not parquet at all")

    code, out, err = await run(local, capsys, "--no-progress")

    assert (code, out) == (1, ["built 3, up to date 0, failed 3"])
    assert err.count("\n") == 3
    assert err.startswith("rollup: ohlcv/rollup/1Y/1d/symbol=BTC/year=2023/BTC_2023.parquet: ")
    assert "BTC_2023.parquet: not a readable Parquet file" in err
    assert str(local.market_data_dir) not in err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--symbol", "bad/sym"], "rollup: invalid symbol 'bad/sym'"),
        (["--symbol", "BTC", "--symbol", "DOGE"], "rollup: no market data for symbol(s) DOGE"),
    ],
)
async def test_a_bad_symbol_is_exit_two_and_builds_nothing(
    local: Settings, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    await write_years(sink(local), "BTC", BTC)

    code, out, err = await run(local, capsys, *argv)

    assert (code, out) == (2, [])
    assert err.startswith(message)
    assert not (local.market_data_dir / "ohlcv" / "rollup").exists()


def test_the_help_documents_the_exit_status() -> None:
    usage = add_rollup_parser(argparse.ArgumentParser().add_subparsers()).format_help()

    assert "exit status:" in usage
    for line in ("0  every rollup asked for", "1  some rollups could not", "2  nothing was built"):
        assert line in usage
