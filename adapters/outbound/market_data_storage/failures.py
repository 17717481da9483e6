"""Storage failures told two ways: in full for the logs, by kind only for answers."""

from __future__ import annotations


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
