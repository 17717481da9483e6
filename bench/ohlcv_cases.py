"""The three cases: one symbol, ranges a user asks for, and the floor's query for each.

A: the whole store (5 years, --quick 2) of 1m -> 1h; B: one month of 1m, as JSON rows; C:
the last year of 1m -> 1d. Ranges are whole days, as start_date and end_date given as dates.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from bench.ohlcv_store import BenchStore

OHLCV = ("open", "high", "low", "close", "volume")


@dataclass(frozen=True)
class Case:
    label: str
    title: str
    symbol: str
    start: date
    end: date  # inclusive, as the API reads an end_date given as a date
    timeframe: str
    pandas_rule: str | None  # None: minutes as stored, no aggregation
    formats: tuple[str, ...]  # json (also sent as identity), arrow

    @property
    def first(self) -> datetime:
        return datetime(self.start.year, self.start.month, self.start.day, tzinfo=UTC)

    @property
    def stop(self) -> datetime:
        """The exclusive end of the range."""
        return datetime(self.end.year, self.end.month, self.end.day, tzinfo=UTC) + timedelta(1)

    def params(self, fmt: str) -> dict[str, str]:
        params = {"symbol": self.symbol, "timeframe": self.timeframe}
        params |= {"start_date": self.start.isoformat(), "end_date": self.end.isoformat()}
        return params | ({"format": fmt} if fmt != "json" else {})


def cases(store: BenchStore) -> list[Case]:
    first, last = store.years[0], store.years[-1]
    years = last - first + 1
    symbol = store.symbols[0]
    return [
        Case(
            "A",
            f"{years}y 1m->1h",
            symbol,
            date(first, 1, 1),
            date(last, 12, 31),
            "1h",
            "1h",
            ("json", "arrow"),
        ),
        Case(
            "B",
            "1 month at 1m, JSON rows",
            symbol,
            date(last, 3, 1),
            date(last, 3, 31),
            "1m",
            None,
            ("json",),
        ),
        Case(
            "C",
            "1y 1m->1d",
            symbol,
            date(last, 1, 1),
            date(last, 12, 31),
            "1d",
            "1D",
            ("json", "arrow"),
        ),
    ]


def floor_sql(case: Case, files: list[str]) -> str:
    urls = ", ".join(f"'{f}'" for f in files)
    source = f"read_parquet([{urls}]) WHERE timestamp >= $1 AND timestamp < $2"
    if case.pandas_rule is None:
        return f"SELECT timestamp, {', '.join(OHLCV)} FROM {source} ORDER BY timestamp"
    width = {"1h": 3_600_000, "1d": 86_400_000}[case.timeframe]
    return (
        f"SELECT (epoch_ms(timestamp) // {width}) * {width} AS bucket, "
        "arg_min(open, timestamp), max(high), min(low), arg_max(close, timestamp), sum(volume) "
        f"FROM {source} GROUP BY bucket ORDER BY bucket"
    )
