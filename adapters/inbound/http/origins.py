"""The browser origins allowed to call the API, as the CORS_ORIGINS setting lists them.

Kept free of aiohttp so settings can check the list before anything is built.
"""

from __future__ import annotations

from urllib.parse import urlsplit

ANY_ORIGIN = "*"
_DEFAULT_PORTS = {"http": 80, "https": 443}


def parse_origins(raw: str) -> tuple[str, ...]:
    """Comma-separated origins, normalised as browsers send them; `*` alone means any.

    Raises ValueError naming the entry that is not an origin.
    """
    items = [item.strip() for item in raw.split(",") if item.strip()]
    if ANY_ORIGIN in items:
        if len(items) > 1:
            raise ValueError("'*' allows every origin and cannot be listed with others")
        return (ANY_ORIGIN,)
    return tuple(dict.fromkeys(_origin(item) for item in items))


def _origin(text: str) -> str:
    problem = f"{text!r} is not an origin such as https://app.example.com or http://localhost:3000"
    parts = urlsplit(text)
    if (
        parts.scheme not in _DEFAULT_PORTS
        or not parts.hostname
        or "@" in parts.netloc
        or parts.path not in ("", "/")
        or parts.query
        or parts.fragment
    ):
        raise ValueError(problem)
    try:
        port = parts.port
    except ValueError:
        raise ValueError(problem) from None
    netloc = parts.netloc.lower().rstrip(":")
    if port == _DEFAULT_PORTS[parts.scheme]:
        # Browsers leave the default port out of the Origin header.
        netloc = netloc.rsplit(":", 1)[0]
    return f"{parts.scheme}://{netloc}"
