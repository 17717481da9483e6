"""Which CSV format a file is in, and where its fields are, judged from its first lines.

- plain: a header with a time column (timestamp, time, datetime, date, ts, timestamp_utc,
  open_time, or an unnamed first column as pandas writes its index) and open, high, low,
  close, optionally volume. ISO times, no offset meaning UTC, or epoch numbers.
- histdata: HistData ASCII M1, no header, `YYYYMMDD HHMMSS;open;high;low;close;volume`,
  in Eastern time (see `timezones`).
- binance: Binance kline CSV, open time (epoch ms, or µs in newer files) first.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import numpy as np
import pyarrow as pa

from adapters.outbound.parquet.ingest.cells import epoch_ms, local_ms, plain_ms
from adapters.outbound.parquet.ingest.reading import first_lines

TIME_COLUMNS = ("timestamp", "time", "datetime", "date", "ts", "timestamp_utc", "open_time")
PRICES = ("open", "high", "low", "close")
FORMATS = ("plain", "histdata", "binance")
_HISTDATA = re.compile(r"^\d{8} \d{6};")
EXPECTED = {
    "plain": "a header naming a time column (one of "
    + ", ".join(TIME_COLUMNS)
    + ") and open, high, low, close[, volume]",
    "histdata": "HistData ASCII M1 lines like '20170102 020000;1.0515;1.0519;1.0515;1.0519;0'",
    "binance": "Binance kline lines starting with the open time in epoch milliseconds or "
    "microseconds, then open, high, low, close, volume",
}

TimeReader = Callable[[pa.Array], tuple[np.ndarray, np.ndarray]]


class FormatError(ValueError):
    """The file is not in the format asked for, or cannot be used; the message names it."""


@dataclass(frozen=True)
class Layout:
    """Where a format keeps its fields; `prices` are the indices of open, high, low, close."""

    separator: str
    fields: int
    header: bool
    time: int
    prices: tuple[int, ...]
    volume: int | None
    read_times: TimeReader


def _head(line: str) -> list[str]:
    return [cell.strip().strip('"').strip().lower() for cell in line.split(",")]


def _looks_like(fmt: str, lines: list[str]) -> bool:
    head = _head(lines[0])
    if fmt == "histdata":
        return bool(_HISTDATA.match(lines[0]))
    if fmt == "binance":
        data = _head(lines[1]) if not head[0].isdigit() and len(lines) > 1 else head
        return data[0].isdigit() and len(data[0]) >= 12 and len(data) >= 6
    has_time = head[0] == "" or any(name in head for name in TIME_COLUMNS)
    return has_time and all(price in head for price in PRICES)


def detect_format(path: Path) -> str:
    lines = _lines(path)
    for fmt in ("histdata", "plain", "binance"):
        if _looks_like(fmt, lines):
            return fmt
    raise FormatError(
        f"{path}: cannot tell the format from its first line {lines[0][:60]!r}; expected "
        + "; or ".join(EXPECTED.values())
    )


def _lines(path: Path) -> list[str]:
    lines = first_lines(path, 2)
    if not lines:
        raise FormatError(f"{path}: the file is empty")
    return lines


def layout_for(path: Path, fmt: str, source_tz: str) -> Layout:
    """The layout of `path` in format `fmt`; FormatError if the file is not in that format."""
    lines = _lines(path)
    if fmt not in FORMATS:
        raise FormatError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    if not _looks_like(fmt, lines):
        other = next((f for f in FORMATS if f != fmt and _looks_like(f, lines)), None)
        hint = f" (it looks like a {other} file)" if other else ""
        raise FormatError(
            f"{path}: not a {fmt} file{hint}: expected {EXPECTED[fmt]}; found {lines[0][:60]!r}"
        )
    if fmt == "histdata":
        read = partial(local_ms, layout="%Y%m%d %H%M%S", source_tz=source_tz)
        return Layout(";", 6, False, 0, (1, 2, 3, 4), 5, read)
    head = _head(lines[0])
    if fmt == "binance":
        header = not head[0].isdigit()
        fields = len(_head(lines[1])) if header else len(head)
        return Layout(",", fields, header, 0, (1, 2, 3, 4), 5, epoch_ms)
    time = next((head.index(name) for name in TIME_COLUMNS if name in head), 0)
    volume = head.index("volume") if "volume" in head else None
    prices = tuple(head.index(price) for price in PRICES)
    return Layout(",", len(head), True, time, prices, volume, plain_ms)
