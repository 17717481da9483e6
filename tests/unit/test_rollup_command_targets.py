"""`python -m bootstrap rollup` on a bucket, on storage it cannot reach, and as a process."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from adapters.outbound.market_data_storage.bars_table import to_parquet_bytes
from adapters.outbound.market_data_storage.layout import yearly_key
from adapters.outbound.market_data_storage.roots import S3Root, S3Settings
from adapters.outbound.market_data_storage.sinks import LocalSink, S3Sink, Sink
from bootstrap.settings import Settings
from tests.support.marketdata import bars, moto_s3, ms, table
from tests.support.rollups import run_rollup as run
from tests.support.rollups import write_years

BTC = bars(ms(2023, 12, 31, 12), 24 * 60, seed=3, gap_every=7)  # 2023 and 2024
ETH = bars(ms(2024, 3, 1), 600, seed=4)


async def test_storage_that_cannot_be_reached_is_exit_two(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    nowhere = Settings(data_dir=tmp_path, minio_endpoint="127.0.0.1:1", minio_timeout_seconds=1)
    missing_folder = Settings(data_dir=tmp_path / "absent")

    for settings in (nowhere, missing_folder):
        code, out, err = await run(settings, capsys)

        assert (code, out) == (2, [])
        assert err.startswith("rollup: ")
        assert "cannot be reached" in err


@pytest.fixture
def bucket() -> Iterator[S3Settings]:
    with moto_s3() as settings:
        yield settings


async def test_the_bucket_gets_its_rollups_once(
    bucket: S3Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = Settings(
        data_dir=tmp_path,
        minio_endpoint=bucket.endpoint,
        minio_access_key="testing",
        minio_secret_key="testing",
        minio_bucket=bucket.bucket,
    )
    root = S3Root(bucket)
    try:
        s3: Sink = S3Sink(root)
        await write_years(s3, "BTC", BTC)

        first = await run(settings, capsys, "--no-progress")
        second = await run(settings, capsys, "--no-progress")
        stored = sorted(await root.keys("ohlcv/rollup/"))
    finally:
        await root.close()

    assert first == (0, ["built 6, up to date 0, failed 0"], "")
    assert second == (0, ["built 0, up to date 6, failed 0"], "")
    assert len(stored) == 6
    assert not (tmp_path / "marketdata").exists()


def test_python_m_bootstrap_rollup_builds_in_the_data_folder(tmp_path: Path) -> None:
    folder = tmp_path / "data" / "marketdata"
    asyncio.run(LocalSink(folder).write(yearly_key("ETH", 2024), to_parquet_bytes(table(ETH))))
    env = {k: v for k, v in os.environ.items() if not k.startswith("MINIO_")}
    env["DATA_DIR"] = str(tmp_path / "data")

    done = subprocess.run(
        [sys.executable, "-m", "bootstrap", "rollup"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.splitlines()[-1] == "built 3, up to date 0, failed 0"
    assert len(list((folder / "ohlcv" / "rollup").rglob("*.parquet"))) == 3
