"""A DuckDB read that failed: logged in full, answered without naming any URL."""

from __future__ import annotations

import logging

from core.domain.errors import Unavailable

log = logging.getLogger("backtest.market_data")


def read_failed(message: str) -> Unavailable:
    """Logs a DuckDB read error in full; the error for answers names no URL."""
    log.warning("market-data read failed", extra={"error": message[:300]})
    failure = "timed out" if "timeout" in message.lower() else "read failed"
    return Unavailable(f"market-data storage unreachable ({failure})")
