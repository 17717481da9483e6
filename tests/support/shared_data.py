"""Where ../shared/marketdata is, if this machine has it."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
RAW = REPO.parent / "shared" / "marketdata" / "raw"


def raw_file(name: str) -> Path:
    path = RAW / name
    if not path.is_file():
        pytest.skip(f"real market data not present here ({path}); it lives in ../shared")
    return path
