"""What a run was measured on: the machine, its load, the libraries, the cache setting."""

from __future__ import annotations

import os
import platform
import subprocess
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from adapters.inbound.http.ohlcv.encoders import JSON
from adapters.inbound.http.ohlcv.response_cache import CachedResponse, ResponseCache
from core.use_cases.market_data.freshness import Freshness

LIBRARIES = ("duckdb", "pyarrow", "pandas", "polars", "aiohttp", "orjson")


def _version(name: str) -> str:
    try:
        return f"{name} {version(name)}"
    except PackageNotFoundError:
        return f"{name} (not installed)"


def machine() -> str:
    return f"Machine: {os.cpu_count()} cores, Python {platform.python_version()}, " + ", ".join(
        _version(n) for n in LIBRARIES
    )


def code_version(root: Path) -> str:
    """The commit measured, `-dirty` when the work tree has changes (read only)."""
    found = subprocess.run(
        ["git", "describe", "--always", "--dirty"], cwd=root, capture_output=True, text=True
    )
    return found.stdout.strip() if found.returncode == 0 else "not a git checkout"


def load_average() -> str:
    """The 1, 5 and 15 minute load averages: how much else the machine was doing."""
    return "/".join(f"{x:.2f}" for x in os.getloadavg())


def zero_bytes_disables_the_cache() -> bool:
    """What OHLCV_CACHE_BYTES=0 does to the server's cache, checked on the same class."""
    cache = ResponseCache(max_bytes=0, live_ttl_seconds=60)
    cache.put("key", CachedResponse.of(b"[]", JSON, Freshness.IMMUTABLE))
    return cache.get("key") is None
