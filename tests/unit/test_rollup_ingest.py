"""`ingest` and `sample-data` build the rollups of what they write."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from adapters.outbound.duckdb.engine import DuckDbEngine
from adapters.outbound.market_data_storage.layout import yearly_key
from adapters.outbound.market_data_storage.rollup_layout import rollup_key
from adapters.outbound.market_data_storage.roots import LocalRoot, S3Root
from adapters.outbound.market_data_storage.sinks import LocalSink, S3Sink
from adapters.outbound.parquet.ingest.ingest import ingest_files
from adapters.outbound.rollups.builder import Outcome
from bootstrap.commands import sample_data
from bootstrap.ingest_command import add_ingest_parser, ingest
from bootstrap.settings import Settings
from core.domain.candles import SourceResolution
from tests.support.candles import at, query
from tests.support.marketdata import Bar, bars, moto_s3, ms
from tests.support.rollups import assert_same_answer, by_year, stores

LEVELS = ("1d", "1h", "5m")
ROWS = bars(ms(2023, 12, 30, 3), 4 * 24 * 60, seed=8, gap_every=13)


def csv(folder: Path, rows: list[Bar], name: str = "bars.csv") -> Path:
    lines = [f"{t},{o!r},{h!r},{low!r},{c!r},{v!r}" for t, o, h, low, c, v in rows]
    path = folder / name
    path.write_text("ts,open,high,low,close,volume\n" + "\n".join(lines) + "\n")
    return path


def keys(symbol: str, *years: int) -> set[str]:
    yearly = SourceResolution.YEARLY
    return {rollup_key(yearly, level, symbol, year) for level in LEVELS for year in years}


async def test_ingest_builds_the_rollups_of_the_years_it_writes(tmp_path: Path) -> None:
    out = tmp_path / "out"
    heard: list[Outcome] = []

    report = await ingest_files(
        [csv(tmp_path, ROWS)], "BTC", LocalSink(out), on_rollups=heard.extend
    )

    stored = {str(p.relative_to(out)) for p in (out / "ohlcv" / "rollup").rglob("*.parquet")}
    assert stored == keys("BTC", 2023, 2024)
    assert {(o.year, o.state) for o in heard} == {(2023, "built"), (2024, "built")}
    assert report.written == {yearly_key("BTC", y): len(rows) for y, rows in by_year(ROWS).items()}
    engine = DuckDbEngine(workers=2)
    try:
        with_rollups, minutes_only = stores(LocalRoot(out), engine)
        for tf in ("1h", "4h", "1d", "1w"):
            asked = query("BTC", at(2023, 12, 30, 7, 41), at(2024, 1, 2, 19, 3), tf)
            plan = await with_rollups.plan(asked)
            answer = await with_rollups.candles(asked)
            assert_same_answer(answer, await minutes_only.candles(asked), exact_volume=True)
            assert len(plan.rollup_keys) == 2
    finally:
        await engine.close()


async def test_ingest_into_one_year_rebuilds_that_year_only(tmp_path: Path) -> None:
    out = LocalSink(tmp_path / "out")
    await ingest_files([csv(tmp_path, ROWS)], "BTC", out)
    before = await out.root.files("ohlcv/rollup/")
    heard: list[Outcome] = []
    fix = [(t, o, h + 1, low, c, v) for t, o, h, low, c, v in ROWS[-10:]]

    await ingest_files([csv(tmp_path, fix, "fix.csv")], "BTC", out, on_rollups=heard.extend)

    after = await out.root.files("ohlcv/rollup/")
    assert {o.year for o in heard} == {2024}
    assert {k for k in after if after[k] != before[k]} == keys("BTC", 2024)


async def test_the_ingest_command_names_the_rollups_it_wrote(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = argparse.ArgumentParser(prog="python -m bootstrap")
    add_ingest_parser(root.add_subparsers(dest="command"))
    args = root.parse_args(["ingest", str(csv(tmp_path, ROWS[-500:])), "--symbol", "eth"])

    code = await ingest(Settings(data_dir=tmp_path / "data"), args)

    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    assert {line for line in out.splitlines() if "rollup" in line} == {
        f"wrote {key}" for key in keys("ETH", 2024)
    }


async def test_ingest_into_the_bucket_builds_its_rollups_there(tmp_path: Path) -> None:
    with moto_s3() as settings:
        root = S3Root(settings)
        try:
            await ingest_files([csv(tmp_path, ROWS)], "BTC", S3Sink(root))
            stored = set(await root.keys("ohlcv/rollup/"))
        finally:
            await root.close()

    assert stored == keys("BTC", 2023, 2024)


async def test_sample_data_writes_rollups_once(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path)

    first = await sample_data(settings)
    second = await sample_data(settings)

    assert {k for k in first if "/rollup/" in k} == (
        keys("BTC", 2023, 2024) | keys("ETH", 2023, 2024) | keys("EURUSD", 2023, 2024)
    )
    assert second == []
