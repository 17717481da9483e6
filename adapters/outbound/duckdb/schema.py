"""Reads each file's columns once and builds the SQL that normalises it.

Accepted files: a time column named timestamp, time, datetime, date or ts (any letter case),
either a timestamp (with time zone, or without one and then taken as UTC) or epoch
milliseconds in a 64-bit integer; numeric open, high, low and close; an optional numeric
volume (absent or missing values count as 0). Anything else is BadMarketData naming the file.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import duckdb

from core.domain.errors import BadMarketData

TIME_COLUMNS = ("timestamp", "time", "datetime", "date", "ts")
PRICE_COLUMNS = ("open", "high", "low", "close")
_EPOCH_INTEGERS = ("BIGINT", "UBIGINT", "HUGEINT")
_INTEGERS = (*_EPOCH_INTEGERS, "INTEGER", "UINTEGER", "SMALLINT", "USMALLINT", "TINYINT")
_NUMBERS = ("DOUBLE", "FLOAT", "DECIMAL", "REAL", *_INTEGERS)
# Epoch milliseconds from 1973-03-03 to the year 5138: seconds and nanoseconds fall outside.
_EPOCH_MS_RANGE = (10**11, 10**14)

STATS_SQL = (
    "SELECT lower(path_in_schema), sum(stats_null_count), count(*) - count(stats_null_count), "
    "min(TRY_CAST(stats_min_value AS HUGEINT)), max(TRY_CAST(stats_max_value AS HUGEINT)) "
    "FROM parquet_metadata(?) GROUP BY ALL"
)


def describe(url: str) -> Callable[[duckdb.DuckDBPyConnection], tuple[list[Any], list[Any]]]:
    """A unit of work: the file's columns (DESCRIBE) and its footer statistics (STATS_SQL)."""
    escaped = url.replace("'", "''")

    def work(cursor: duckdb.DuckDBPyConnection) -> tuple[list[Any], list[Any]]:
        described = cursor.execute(f"DESCRIBE SELECT * FROM read_parquet('{escaped}')").fetchall()
        return described, cursor.execute(STATS_SQL, [url]).fetchall()

    return work


@dataclass(frozen=True)
class ColumnStats:
    """What the Parquet footer tells of a column; None where the writer kept no statistics."""

    null_count: int | None = None
    minimum: int | None = None
    maximum: int | None = None


@dataclass(frozen=True)
class FileSchema:
    """How to read one file: its time column and kind, and whether it has volume."""

    url: str
    time_column: str
    time_kind: str  # "tz", "naive" or "epoch_ms"
    has_volume: bool

    def select(self, start_param: str, end_param: str, urls: Sequence[str] = ()) -> str:
        """A SELECT giving t (epoch ms), open, high, low, close, volume for a time range.

        It reads this file, or `urls` instead: files whose columns are the same as this one's.
        """
        col = f'"{self.time_column}"'
        t = col if self.time_kind == "epoch_ms" else f"epoch_ms({col})"
        volume = 'coalesce(CAST("volume" AS DOUBLE), 0.0)' if self.has_volume else "0.0"
        prices = ", ".join(f'CAST("{c}" AS DOUBLE) AS {c}' for c in PRICE_COLUMNS)
        files = ", ".join("'" + url.replace("'", "''") + "'" for url in (urls or [self.url]))
        return (
            f"SELECT {t} AS t, {prices}, {volume} AS volume FROM read_parquet([{files}]) "
            f"WHERE {col} >= {start_param} AND {col} < {end_param}"
        )


def file_schema(
    url: str, columns: dict[str, str], stats: Mapping[str, ColumnStats] | None = None
) -> FileSchema:
    """Checks the columns DESCRIBE reported, and the footer's statistics where there are some.

    BadMarketData names the file and the problem.
    """
    lowered = {name.lower(): (name, kind.upper()) for name, kind in columns.items()}
    stats = stats or {}
    time_name = next((c for c in TIME_COLUMNS if c in lowered), None)
    if time_name is None:
        raise BadMarketData(f"{url}: no time column; expected one of {', '.join(TIME_COLUMNS)}")
    name, kind = lowered[time_name]
    if kind.startswith("TIMESTAMP WITH TIME ZONE") or kind == "TIMESTAMPTZ":
        time_kind = "tz"
    elif kind.startswith("TIMESTAMP"):
        time_kind = "naive"
    elif kind in _EPOCH_INTEGERS:
        time_kind = "epoch_ms"
    else:
        raise BadMarketData(
            f"{url}: column {name} is {kind}; expected a timestamp or epoch milliseconds (BIGINT)"
        )
    missing = [c for c in PRICE_COLUMNS if c not in lowered]
    if missing:
        raise BadMarketData(f"{url}: missing column(s) {', '.join(missing)}")
    wrong = [
        c
        for c in (*PRICE_COLUMNS, "volume")
        if c in lowered and not lowered[c][1].startswith(_NUMBERS)
    ]
    if wrong:
        raise BadMarketData(f"{url}: column(s) {', '.join(wrong)} are not numeric")
    if time_kind == "epoch_ms":
        _check_epoch_ms(url, name, stats.get(time_name, ColumnStats()))
    empty = [c for c in PRICE_COLUMNS if (stats.get(c, ColumnStats()).null_count or 0) > 0]
    if empty:
        raise BadMarketData(f"{url}: column(s) {', '.join(empty)} have missing values")
    return FileSchema(url, name, time_kind, "volume" in lowered)


def _check_epoch_ms(url: str, name: str, stats: ColumnStats) -> None:
    low, high = _EPOCH_MS_RANGE
    values = [v for v in (stats.minimum, stats.maximum) if v is not None]
    if any(not low <= v < high for v in values):
        raise BadMarketData(
            f"{url}: column {name} holds {stats.minimum}..{stats.maximum}, which are not epoch "
            "milliseconds (seconds or nanoseconds?)"
        )


def column_stats(
    rows: list[tuple[str, int | None, int, int | None, int | None]],
) -> dict[str, ColumnStats]:
    """Statistics per lower-case column name from STATS_SQL rows; partial ones count as none."""
    return {
        name: ColumnStats(None if unknown else nulls, low, high)
        for name, nulls, unknown, low, high in rows
    }
