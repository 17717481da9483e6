"""FINISHED: what a unit of work's repositories become once it commits or closes.

Shared by every unit of work (Postgres and the in-memory twin) so they fail alike.
"""

from __future__ import annotations

from typing import Any, NoReturn


class _Finished:
    """Stands in for the repositories outside the transaction, so late use fails loudly."""

    def __getattr__(self, name: str) -> NoReturn:
        raise RuntimeError("this unit of work is finished (committed or closed); open a new one")


FINISHED: Any = _Finished()
