"""Storage that cannot be reached, and the market-data health probe."""

from __future__ import annotations

from pathlib import Path

import pytest

from adapters.outbound.duckdb.candle_store import DuckDbCandleStore
from adapters.outbound.duckdb.engine import DuckDbEngine
from adapters.outbound.market_data_storage.health import MarketDataHealthProbe
from adapters.outbound.market_data_storage.roots import LocalRoot, S3Root, S3Settings
from core.domain.candles import SourceResolution
from core.domain.errors import Unavailable
from tests.contract.candle_store.stored import YEARLY
from tests.support.candles import at, query


async def test_an_unreachable_bucket_is_unavailable_and_unhealthy() -> None:
    # Port 1 on loopback refuses at once: nothing listens there.
    settings = S3Settings("127.0.0.1:1", "k", "s", bucket="nowhere")
    root = S3Root(settings, timeout_seconds=1, attempts=1)
    engine = DuckDbEngine(workers=1)
    store = DuckDbCandleStore(root, engine)
    try:
        with pytest.raises(Unavailable, match="unreachable"):
            await store.symbols(YEARLY)
        with pytest.raises(Unavailable):
            await store.candles(query("BTC", at(2024, 1, 1), at(2024, 1, 2)))
        probe = await MarketDataHealthProbe(root).check()
    finally:
        await root.close()
        await engine.close()

    assert (probe.name, probe.ok) == ("market_data", False)


async def test_the_health_probe_sees_the_bucket_or_its_absence(s3: S3Settings) -> None:
    present = S3Root(s3)
    absent = S3Root(S3Settings(s3.endpoint, "testing", "testing", bucket="no-such-bucket"))
    try:
        seen = await MarketDataHealthProbe(present).check()
        missing = await MarketDataHealthProbe(absent).check()
    finally:
        await present.close()
        await absent.close()

    assert (seen.name, seen.ok, missing.ok) == ("market_data", True, False)


async def test_the_health_probe_sees_the_folder_or_its_absence(tmp_path: Path) -> None:
    seen = await MarketDataHealthProbe(LocalRoot(tmp_path)).check()
    missing = await MarketDataHealthProbe(LocalRoot(tmp_path / "nowhere")).check()

    assert (seen.name, seen.ok, missing.ok) == ("market_data", True, False)
    # The answer names no path (it is logged instead): addresses stay out of answers.
    assert missing.detail == "folder missing or unreadable"


async def test_unreachable_storage_is_unavailable() -> None:
    root = S3Root(S3Settings("127.0.0.1:1", "k", "s", bucket="nowhere"), timeout_seconds=1)
    engine = DuckDbEngine(workers=1)
    store = DuckDbCandleStore(root, engine)
    try:
        with pytest.raises(Unavailable):
            await store.symbols(SourceResolution.YEARLY)
        assert (await MarketDataHealthProbe(root).check()).ok is False
    finally:
        await root.close()
        await engine.close()
