"""The bench's own store: symbols x years of 1-minute bars as yearly Parquet files.

Every minute of every day is a bar (24/7, as crypto trades): 525,600 bars a year, 2,629,440
over 2019-2023. The prices are the sample data's geometric random walk, each year opening at
the previous year's close. Rollups, when the application has the `rollup` command, are built
by it beside the minutes, exactly as a user of the store would build them.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from adapters.outbound.market_data_storage.bars_table import to_parquet_bytes
from adapters.outbound.market_data_storage.layout import yearly_key
from adapters.outbound.parquet.sample_data import SampleSymbol, sample_tables

ROOT = Path(__file__).resolve().parents[1]
# name, first price, annual volatility, typical volume per minute, decimals
_SYMBOLS = (
    ("BTC", 3_700.0, 0.60, 12.0, 2),
    ("ETH", 130.0, 0.75, 90.0, 2),
    ("SOL", 1.5, 0.95, 400.0, 4),
    ("XRP", 0.35, 0.85, 9_000.0, 5),
    ("ADA", 0.04, 0.90, 20_000.0, 5),
    ("DOGE", 0.002, 1.10, 90_000.0, 6),
    ("LTC", 30.0, 0.80, 150.0, 2),
    ("DOT", 4.0, 0.90, 700.0, 4),
    ("AVAX", 3.0, 0.95, 800.0, 4),
    ("LINK", 0.4, 0.90, 3_000.0, 4),
)
FULL = (tuple(s[0] for s in _SYMBOLS), (2019, 2020, 2021, 2022, 2023))
QUICK = (("BTC", "ETH"), (2022, 2023))


@dataclass(frozen=True)
class BenchStore:
    """Where the bench's files are (DATA_DIR as the application reads it) and what they hold."""

    data_dir: Path
    symbols: tuple[str, ...]
    years: tuple[int, ...]
    rows: int
    parquet_bytes: int

    @property
    def market_data_dir(self) -> Path:
        return self.data_dir / "marketdata"

    def files(self, symbol: str, first_year: int, last_year: int) -> list[str]:
        """The yearly minute files of `symbol` a range over these years reads."""
        years = [y for y in self.years if first_year <= y <= last_year]
        return [str(self.market_data_dir / yearly_key(symbol, y)) for y in years]

    def describe(self) -> str:
        first, last = self.years[0], self.years[-1]
        per_symbol = self.rows // len(self.symbols)
        return (
            f"{len(self.symbols)} symbols x {len(self.years)} year(s) ({first}-{last}) of "
            f"1-minute bars, every minute (24/7): {per_symbol:,} bars per symbol, "
            f"{self.rows:,} in all, {self.parquet_bytes / 1e6:.0f} MB of Parquet"
        )


def build_store(data_dir: Path, symbols: tuple[str, ...], years: tuple[int, ...]) -> BenchStore:
    """Writes the yearly files (not timed); deterministic for the same symbols and years."""
    chosen = [
        SampleSymbol(name, price, vol, volume, weekends=True, decimals=decimals)
        for name, price, vol, volume, decimals in _SYMBOLS
        if name in symbols
    ]
    rows = size = 0
    for name, year, table in sample_tables(chosen, years):
        body = to_parquet_bytes(table)
        target = data_dir / "marketdata" / yearly_key(name, year)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(body)
        rows += table.num_rows
        size += len(body)
    return BenchStore(data_dir, symbols, tuple(sorted(years)), rows, size)


def has_rollup_command(env: Mapping[str, str]) -> bool:
    probe = subprocess.run(
        [sys.executable, "-m", "bootstrap", "rollup", "--help"],
        cwd=env["DATA_DIR"],
        env=dict(env),
        capture_output=True,
        check=False,
    )
    return probe.returncode == 0


def build_rollups(env: Mapping[str, str]) -> str:
    """Runs `python -m bootstrap rollup` with the server's settings; says what happened."""
    if not has_rollup_command(env):
        return "rollups: not built (no `python -m bootstrap rollup` command): minute files only"
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "bootstrap", "rollup"],
        cwd=env["DATA_DIR"],
        env=dict(env),
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        tail = (done.stderr or done.stdout).strip()[-500:]
        return f"rollups: `rollup` FAILED (exit {done.returncode}) after {seconds:.1f} s: {tail}"
    last = (done.stdout.strip().splitlines() or ["(no output)"])[-1]
    return f"rollups: built by `python -m bootstrap rollup` in {seconds:.1f} s ({last})"


def app_env(data_dir: Path, extra: Mapping[str, str]) -> dict[str, str]:
    """This process's environment without the settings that would point elsewhere, plus
    DATA_DIR at the bench's folder and `extra`. Commands run in DATA_DIR, away from any .env
    of the checkout."""
    kept = ("DATABASE_", "SUPABASE_", "MINIO_", "OHLCV_", "DUCKDB_", "DATA_DIR", "PORT", "HOST")
    env = {k: v for k, v in os.environ.items() if not k.startswith(kept)}
    env.pop("ENVIRONMENT", None)
    env.update({"DATA_DIR": str(data_dir), "PYTHONPATH": str(ROOT), **extra})
    return env
