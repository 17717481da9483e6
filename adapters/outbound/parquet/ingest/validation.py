"""The rules every 1-minute bar must keep; bad rows are reported with file and line."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from adapters.outbound.parquet.ingest.formats import ParsedBars

MAX_LISTED = 20


@dataclass
class Problem:
    path: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.reason}"


@dataclass
class Report:
    rows_read: int = 0
    rows_kept: int = 0
    duplicates_dropped: int = 0
    bad_rows: int = 0
    by_reason: dict[str, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    written: dict[str, int] = field(default_factory=dict)

    def add_problem(self, path: str, line: int, reason: str) -> None:
        self.bad_rows += 1
        self.by_reason[reason] = self.by_reason.get(reason, 0) + 1
        if len(self.problems) < MAX_LISTED:
            self.problems.append(Problem(path, line, reason))

    def add_problems(self, bars: ParsedBars, mask: np.ndarray, reason: str) -> None:
        count = int(mask.sum())
        if not count:
            return
        self.bad_rows += count
        self.by_reason[reason] = self.by_reason.get(reason, 0) + count
        room = MAX_LISTED - len(self.problems)
        for line in bars.lines[mask][: max(room, 0)]:
            self.problems.append(Problem(bars.path, int(line), reason))


NOT_POSITIVE = "a price is missing, not a number, or not above zero"
HIGH_TOO_LOW = "high is below open or close"
LOW_TOO_HIGH = "low is above open or close"
BAD_VOLUME = "volume is negative or missing"
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
    """Marks what to keep; every row left out for a rule is counted and listed."""
    keep = np.ones(len(bars.times), dtype=bool)
    for reason, mask in bad_masks(bars):
        report.add_problems(bars, mask & keep, reason)
        keep &= ~mask
    return keep
