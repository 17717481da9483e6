"""Small helpers for header values several response filters share."""

from __future__ import annotations

from collections.abc import MutableMapping


def add_vary(headers: MutableMapping[str, str], *fields: str) -> None:
    """Adds request header names to `Vary`, keeping those already there, once each."""
    present = [item.strip() for item in headers.get("Vary", "").split(",") if item.strip()]
    known = {item.lower() for item in present}
    present += [name for name in fields if name.lower() not in known]
    if present:
        headers["Vary"] = ", ".join(present)


def accepted_codings(header: str) -> dict[str, float]:
    """`Accept-Encoding` as coding -> quality (RFC 9110 section 12.5.3), lower-cased."""
    accepted: dict[str, float] = {}
    for item in header.split(","):
        coding, *params = (part.strip() for part in item.split(";"))
        if not coding:
            continue
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    quality = 0.0
        accepted[coding.lower()] = quality
    return accepted


def choose_coding(header: str, offered: tuple[str, ...]) -> str | None:
    """The offered coding the client prefers (ties go to the earlier offer); None: identity."""
    accepted = accepted_codings(header)
    wildcard = accepted.get("*", 0.0)
    best: tuple[float, str] | None = None
    for coding in offered:
        quality = accepted.get(coding, wildcard)
        if quality > 0 and (best is None or quality > best[0]):
            best = (quality, coding)
    return best[1] if best else None


def weak_etag(etag: str) -> str:
    return etag if etag.startswith("W/") else f"W/{etag}"
