"""The rules every 1-minute bar must keep; bad rows are counted and listed by file and line."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from adapters.outbound.parquet.ingest.formats import ParsedBars

MAX_LISTED = 20


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.reason}"


@dataclass
class Report:
    """Counts are exact; only the first MAX_LISTED bad rows are kept to be listed."""

    rows_read: int = 0
    rows_kept: int = 0
    duplicates_dropped: int = 0
    bad_rows: int = 0
    by_reason: Counter[str] = field(default_factory=Counter)
    written: dict[str, int] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)
    _listed: list[tuple[str, str, np.ndarray]] = field(default_factory=list, repr=False)

    def add_lines(self, path: str, lines: np.ndarray, reason: str) -> None:
        if not len(lines):
            return
        self.bad_rows += len(lines)
        self.by_reason[reason] += len(lines)
        self._listed.append((path, reason, np.sort(lines)[:MAX_LISTED]))

    @property
    def problems(self) -> list[Problem]:
        """The first MAX_LISTED bad rows, in the order of the files, then of their lines."""
        order = {path: index for index, path in enumerate(self.files)}
        found = sorted(
            (order.get(path, len(order)), int(line), path, reason)
            for path, reason, lines in self._listed
            for line in lines
        )
        return [Problem(path, line, reason) for _, line, path, reason in found[:MAX_LISTED]]


NOT_POSITIVE = "a price is not a finite number above zero"
HIGH_TOO_LOW = "high is below open or close"
LOW_TOO_HIGH = "low is above open or close"
BAD_VOLUME = "volume is negative or not a finite number"
OFF_MINUTE = "the time is not on a whole minute"
CONFLICT = "another row has the same minute with other prices"


def bad_masks(bars: ParsedBars) -> list[tuple[str, np.ndarray]]:
    prices = np.vstack([bars.open, bars.high, bars.low, bars.close])
    with np.errstate(invalid="ignore"):
        not_positive = ~np.isfinite(prices).all(axis=0) | (prices <= 0).any(axis=0)
        high_low = bars.high < np.maximum(bars.open, bars.close)
        low_high = bars.low > np.minimum(bars.open, bars.close)
        volume = ~np.isfinite(bars.volume) | (bars.volume < 0)
    off_minute = bars.times % 60_000 != 0
    return [
        (NOT_POSITIVE, not_positive),
        (HIGH_TOO_LOW, high_low & ~not_positive),
        (LOW_TOO_HIGH, low_high & ~not_positive),
        (BAD_VOLUME, volume),
        (OFF_MINUTE, off_minute),
    ]


def validate(bars: ParsedBars, report: Report) -> np.ndarray:
    """Marks what to keep; rows that could not be read and rows that break a rule are
    counted and listed, each once."""
    for reason, lines in bars.rejected.items():
        report.add_lines(bars.path, lines, reason)
    keep = np.ones(len(bars.times), dtype=bool)
    for reason, mask in bad_masks(bars):
        report.add_lines(bars.path, bars.lines[mask & keep], reason)
        keep &= ~mask
    return keep
