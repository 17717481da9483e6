"""Partial changes: UNSET marks a field left as it is (None may be a real value)."""

from __future__ import annotations

from enum import Enum
from typing import Literal, TypeAlias, TypeVar

T = TypeVar("T")


class _Unset(Enum):
    UNSET = "UNSET"

    def __repr__(self) -> str:
        return "UNSET"


UNSET = _Unset.UNSET
Maybe: TypeAlias = T | Literal[_Unset.UNSET]
