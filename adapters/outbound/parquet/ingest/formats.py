"""A CSV file of bars parsed to UTC epoch milliseconds and float columns, chunk by chunk.

A row that cannot be read (too few or too many fields, an unreadable time, a price that is
not a number) is set aside with its line number and reason; the other rows are kept. An
empty volume cell counts as volume 0, as a file without a volume column does.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyarrow as pa

from adapters.outbound.parquet.ingest.cells import numbers, split_fields
from adapters.outbound.parquet.ingest.layouts import (
    PRICES,
    FormatError,
    Layout,
    detect_format,
    layout_for,
)
from adapters.outbound.parquet.ingest.reading import CHUNK_BYTES, OnBytes, blank, line_chunks

COLUMNS = ("times", *PRICES, "volume", "lines", "stamps")
BAD_TIME = "the time cannot be read"

__all__ = ["FormatError", "ParsedBars", "detect_format", "parse"]


@dataclass
class ParsedBars:
    """The readable rows of one file, with their 1-based line numbers in `lines`, and the
    line numbers of the unreadable ones by reason in `rejected`. `stamps` holds the time of
    every row whose time could be read, whatever else was wrong with it."""

    path: str
    times: np.ndarray
    open: np.ndarray
    high: np.ndarray
    low: np.ndarray
    close: np.ndarray
    volume: np.ndarray
    lines: np.ndarray
    stamps: np.ndarray
    rejected: dict[str, np.ndarray] = field(default_factory=dict)

    @property
    def rows(self) -> int:
        return len(self.times) + sum(len(lines) for lines in self.rejected.values())


Rejected = dict[str, list[np.ndarray]]


def _ignore(count: int) -> None:
    return None


def parse(
    path: Path,
    fmt: str,
    source_tz: str,
    *,
    on_bytes: OnBytes = _ignore,
    chunk_bytes: int = CHUNK_BYTES,
) -> ParsedBars:
    """FormatError when the file is not in `fmt` (or in no known format, for "auto")."""
    layout = layout_for(path, detect_format(path) if fmt == "auto" else fmt, source_tz)
    pieces: list[dict[str, np.ndarray]] = []
    rejected: Rejected = defaultdict(list)
    header_pending = layout.header
    for first, lines in line_chunks(path, on_bytes, chunk_bytes):
        keep = ~blank(lines)
        if header_pending and keep.any():
            keep[np.flatnonzero(keep)[0]] = False
            header_pending = False
        line_numbers = np.arange(first, first + len(lines))[keep]
        pieces.append(_read(layout, lines.filter(pa.array(keep)), line_numbers, rejected))
    columns = {name: np.concatenate([piece[name] for piece in pieces]) for name in COLUMNS}
    return ParsedBars(
        path=str(path),
        **columns,
        rejected={reason: np.concatenate(found) for reason, found in rejected.items()},
    )


def _read(
    layout: Layout, lines: pa.Array, line_numbers: np.ndarray, rejected: Rejected
) -> dict[str, np.ndarray]:
    """One chunk's rows: the readable ones as columns; the others go to `rejected`."""
    cells, counts = split_fields(lines, layout.separator, layout.fields)
    for wrong, word in ((counts < layout.fields, "few"), (counts > layout.fields, "many")):
        if wrong.any():
            rejected[f"too {word} fields (expected {layout.fields})"].append(line_numbers[wrong])
    line_numbers = line_numbers[counts == layout.fields]

    def reject(mask: np.ndarray, reason: str) -> np.ndarray:
        if mask.any():
            rejected[reason].append(line_numbers[mask])
        return ~mask

    times, unreadable_time = layout.read_times(cells[layout.time])
    ok = reject(unreadable_time, BAD_TIME)
    columns = {"times": times}
    for name, index in zip(PRICES, layout.prices, strict=True):
        values, empty, unreadable = numbers(cells[index])
        ok &= reject(ok & unreadable, f"{name} is not a number")
        ok &= reject(ok & empty, f"{name} is missing")
        columns[name] = values
    columns["volume"] = np.zeros(len(times))
    if layout.volume is not None:
        values, empty, unreadable = numbers(cells[layout.volume])
        ok &= reject(ok & unreadable, "volume is not a number")
        columns["volume"] = np.where(empty, 0.0, values)
    columns["lines"] = line_numbers
    return {"stamps": times[~unreadable_time]} | {n: v[ok] for n, v in columns.items()}
