"""Driver errors that mean 'the database is out of reach' become the core's Unavailable."""

from __future__ import annotations

from core.domain.errors import Unavailable


def unavailable(error: BaseException) -> Unavailable:
    return Unavailable(f"the database is unreachable ({type(error).__name__})")
