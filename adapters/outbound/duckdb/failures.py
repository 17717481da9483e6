"""Storage failures told two ways: in full for the logs, by kind only for answers."""

from __future__ import annotations

import logging

from core.domain.errors import Unavailable

log = logging.getLogger("backtest.market_data")


def reason(error: BaseException) -> str:
    """For the logs: the first line of the message, which may name hosts and paths."""
    if isinstance(error, TimeoutError):
        return "timed out"
    text = str(error).splitlines()[0] if str(error) else type(error).__name__
    return text[:200]


def kind(error: BaseException) -> str:
    """For answers and public health details: what went wrong, without where."""
    if isinstance(error, TimeoutError) or "timeout" in type(error).__name__.lower():
        return "timed out"
    return type(error).__name__


def read_failed(message: str) -> Unavailable:
    """Logs a DuckDB read error in full; the error for answers names no URL."""
    log.warning("market-data read failed", extra={"error": message[:300]})
    failure = "timed out" if "timeout" in message.lower() else "read failed"
    return Unavailable(f"market-data storage unreachable ({failure})")
