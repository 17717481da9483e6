"""Where rollups are stored: beside the minute layouts, per layout, level, symbol and year.

ohlcv/rollup/{1Y|1m}/{level}/symbol={S}/year={Y}/{S}_{Y}.parquet
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from core.domain.candles import SourceResolution

_KEY = re.compile(
    r"^ohlcv/rollup/(1Y|1m)/([0-9]+[mhd])/symbol=([^/]+)/year=(\d{4})/[^/]+\.parquet$"
)


def rollup_prefix(source: SourceResolution) -> str:
    return f"ohlcv/rollup/{source.value}/"


def rollup_key(source: SourceResolution, level: str, symbol: str, year: int) -> str:
    return f"{rollup_prefix(source)}{level}/symbol={symbol}/year={year}/{symbol}_{year}.parquet"


@dataclass(frozen=True)
class RollupFile:
    """A stored rollup and its version, as the root lists it (size and mtime, or ETag)."""

    key: str
    version: str


Slot = tuple[str, str, int]  # level, symbol, year


def rollup_files(found: Mapping[str, str]) -> dict[Slot, RollupFile]:
    """The rollups among listed files (key -> version); other keys are left out."""
    files: dict[Slot, RollupFile] = {}
    for key, version in found.items():
        match = _KEY.match(key)
        if match:
            _, level, symbol, year = match.groups()
            files[(level, symbol.upper(), int(year))] = RollupFile(key, version)
    return files
