"""The JSON values this API accepts: what every client can read back, and Postgres can store.

Checked once, where bodies and query strings are read: integers a JavaScript client keeps
exactly (|n| <= 2**53 - 1), finite numbers, text without NUL and with no lone surrogates
(Postgres refuses both), nesting at most MAX_DEPTH deep. Anything else is a 422 naming the
field, before any use case runs, so nothing unreadable is ever stored.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from typing import Any

SAFE_INTEGER = 2**53 - 1
MAX_DEPTH = 32
MAX_REPORTED = 20


class _OutOfRange:
    """An integer literal too long to be worth converting; reported, never stored."""

    def __init__(self, text: str) -> None:
        self.text = text


def _parse_int(text: str) -> int | _OutOfRange:
    return _OutOfRange(text) if len(text) > 20 else int(text)


def loads(raw: bytes | str) -> Any:
    """json.loads that keeps what it cannot represent for `problems` to report.

    NaN and Infinity (not JSON, but Python's json reads them) come back as floats that the
    check refuses; 1e400 becomes inf likewise.
    """
    return json.loads(raw, parse_int=_parse_int, parse_constant=float)


def problems(value: Any, field: str = "") -> dict[str, list[str]]:
    """Field path (`parameters.n`, `items.0.name`) to what is wrong there; empty when fine."""
    found: dict[str, list[str]] = {}
    _walk(value, field, 0, found)
    return found


def _walk(value: Any, field: str, depth: int, found: dict[str, list[str]]) -> None:
    if len(found) >= MAX_REPORTED:
        return
    problem = _problem(value, depth)
    if problem:
        found.setdefault(field or "_body", []).append(problem)
        return
    if isinstance(value, Mapping):
        for key, item in value.items():
            path = f"{field}.{key}" if field else str(key)
            key_problem = _text_problem(key) if isinstance(key, str) else None
            if key_problem:
                found.setdefault(field or "_body", []).append(f"a key {key_problem}")
                continue
            _walk(item, path, depth + 1, found)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _walk(item, f"{field}.{index}" if field else str(index), depth + 1, found)


def _problem(value: Any, depth: int) -> str | None:
    if depth > MAX_DEPTH:
        return f"is nested deeper than {MAX_DEPTH} levels"
    if isinstance(value, _OutOfRange) or (
        isinstance(value, int) and not isinstance(value, bool) and abs(value) > SAFE_INTEGER
    ):
        return f"integers must lie within ±{SAFE_INTEGER} (2**53 - 1)"
    if isinstance(value, float) and not math.isfinite(value):
        return "must be a finite number"
    if isinstance(value, str):
        return _text_problem(value)
    return None


def _text_problem(text: str) -> str | None:
    if "\x00" in text:
        return "must not contain the NUL character (\\u0000)"
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "is not valid Unicode (it holds a lone surrogate)"
    return None
