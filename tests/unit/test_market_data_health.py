"""The market data's health probe: its own class behind the HealthProbe port, not its root."""

from __future__ import annotations

from pathlib import Path

from adapters.outbound.market_data_storage.health import MarketDataHealthProbe
from adapters.outbound.market_data_storage.roots import LocalRoot
from core.ports.health import HealthProbe


async def test_a_readable_folder_is_healthy_market_data(tmp_path: Path) -> None:
    probe: HealthProbe = MarketDataHealthProbe(LocalRoot(tmp_path))

    result = await probe.check()

    assert (result.name, result.ok, result.detail, result.ready) == (
        "market_data",
        True,
        None,
        True,
    )
    assert result.latency_ms >= 0


async def test_a_missing_folder_is_reported_without_its_path(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"

    result = await MarketDataHealthProbe(LocalRoot(missing)).check()

    assert (result.ok, result.detail) == (False, "folder missing or unreadable")
    assert str(missing) not in str(result)


def test_a_root_is_no_longer_a_probe_itself(tmp_path: Path) -> None:
    root = LocalRoot(tmp_path)

    assert not hasattr(root, "check")
    assert not hasattr(root, "name")
