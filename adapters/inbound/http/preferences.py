"""The `Prefer` request header (RFC 7240): the client's preferences, read leniently.

    Prefer = 1#preference
    preference = token [ BWS "=" BWS word ] *( OWS ";" [ OWS parameter ] )
    word = token / quoted-string

Names are case-insensitive; a preference given twice counts by its first instance (section
2); a preference that does not parse is left out, and an unusable header is no error: a
server may ignore any preference. Only `wait` (section 4.3, delta-seconds) is read here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_TOKEN = r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+"
_QUOTED = r'"(?:[^"\\]|\\.)*"'
# A list element, or a preference's part, up to the next unquoted separator; a quote left
# open runs to the end (and the element then parses as nothing).
_ELEMENTS = re.compile(rf'(?:{_QUOTED}|"[\s\S]*|[^,"])+')
_PARTS = re.compile(rf'(?:{_QUOTED}|"[\s\S]*|[^;"])+')
_PREFERENCE = re.compile(rf"[ \t]*({_TOKEN})(?:[ \t]*=[ \t]*({_TOKEN}|{_QUOTED}))?[ \t]*")
_DELTA_SECONDS = re.compile(r"[0-9]+")
# A longer run of digits is no less than any cap; int() of thousands of digits is refused.
_MANY_DIGITS = 9


def preferences(headers: Iterable[str]) -> dict[str, str | None]:
    """Each preference's name (lower-case) with its value (unquoted; None when it has none)."""
    found: dict[str, str | None] = {}
    for header in headers:
        for element in _ELEMENTS.findall(header):
            head = _PARTS.match(element)
            parsed = _PREFERENCE.fullmatch(head.group()) if head else None
            if parsed is None:
                continue
            name, value = parsed.group(1).lower(), parsed.group(2)
            found.setdefault(name, _unquoted(value) if value is not None else None)
    return found


def requested_wait(headers: Iterable[str]) -> int | None:
    """The seconds of `wait=N`; None when the client did not ask, or not in a usable way."""
    value = preferences(headers).get("wait")
    if value is None or not _DELTA_SECONDS.fullmatch(value):
        return None
    return int(value) if len(value) <= _MANY_DIGITS else 10**_MANY_DIGITS


def _unquoted(word: str) -> str:
    if not word.startswith('"'):
        return word
    return re.sub(r"\\(.)", r"\1", word[1:-1])
