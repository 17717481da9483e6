"""The response cache's key: everything that makes two candle answers differ."""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from typing import Any

from adapters.inbound.http.ohlcv.negotiation import Representation


def answer_key(
    symbols: tuple[str, ...],
    params: Mapping[str, Any],
    representation: Representation,
    limit: int,
    many: bool,
) -> Hashable:
    """Symbols in any case are the same symbols; the rest is taken as parsed."""
    return (
        tuple(s.upper() for s in symbols),
        params["start_date"],
        params["end_date"],
        params["timeframe"],
        params["source_resolution"],
        representation.fmt,
        representation.layout,
        representation.time_format,
        limit,
        params.get("cursor"),
        many,
    )
