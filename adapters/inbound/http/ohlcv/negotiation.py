"""Which representation a candle request asks for: format, media type, layout, time format."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from adapters.inbound.http.ohlcv.encoders import ARROW, CSV, JSON

_MEDIA = {"json": JSON, "csv": CSV, "arrow": ARROW}


@dataclass(frozen=True, slots=True)
class Representation:
    fmt: str  # json, csv or arrow
    layout: str  # JSON only: rows or columns
    time_format: str  # iso or epoch_ms

    @property
    def media_type(self) -> str:
        return _MEDIA[self.fmt]

    @property
    def tabular(self) -> bool:
        """CSV and Arrow: one table, with nowhere to put a cursor per symbol."""
        return self.fmt != "json"


def negotiate(params: Mapping[str, Any], accept: str) -> Representation:
    """`format` when given, else the Accept header; JSON when neither names another."""
    fmt = params.get("format") or _from_accept(accept)
    # Arrow keeps its own timestamp type: both time formats are the same answer there.
    time_format = "iso" if fmt == "arrow" else params["time_format"]
    return Representation(fmt, params["layout"], time_format)


def _from_accept(accept: str) -> str:
    lowered = accept.lower()
    if ARROW in lowered:
        return "arrow"
    if CSV in lowered:
        return "csv"
    return "json"
