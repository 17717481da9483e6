"""The times of the first and last bar in a stored file, from its Parquet footer when it tells.

The footer keeps the min and max of the time column per row group: reading it costs one small
read per file (a range request on S3), not a scan. A file written without statistics has its
time column scanned instead.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime

import duckdb

from adapters.outbound.duckdb.schema import FileSchema
from core.domain.candles import to_ms

Bounds = tuple[int, int]  # epoch milliseconds of the first and the last bar

_FOOTER_SQL = (
    "SELECT stats_min_value, stats_max_value FROM parquet_metadata(?) "
    "WHERE lower(path_in_schema) = lower(?)"
)


def read_bounds(schema: FileSchema) -> Callable[[duckdb.DuckDBPyConnection], Bounds | None]:
    """A unit of work giving the file's bounds, or None when it holds no bar."""

    def work(cursor: duckdb.DuckDBPyConnection) -> Bounds | None:
        rows = cursor.execute(_FOOTER_SQL, [schema.url, schema.time_column]).fetchall()
        if not rows:
            return None  # no row group: an empty file
        known = from_footer(rows, schema.time_kind)
        if known is not None:
            return known
        found = cursor.execute(_scan_sql(schema)).fetchone()
        if found is None or found[0] is None:
            return None
        return int(found[0]), int(found[1])

    return work


def from_footer(rows: Sequence[tuple[str | None, str | None]], time_kind: str) -> Bounds | None:
    """The bounds from every row group's statistics; None unless each row group has them."""
    try:
        lows = [_ms(low, time_kind) for low, _ in rows]
        highs = [_ms(high, time_kind) for _, high in rows]
    except ValueError:
        return None
    return min(lows), max(highs)


def _ms(text: str | None, time_kind: str) -> int:
    if text is None:
        raise ValueError("no statistics")
    if time_kind == "epoch_ms":
        return int(text)
    # DuckDB writes instants with their offset (+00) and naive times without; naive is UTC.
    moment = datetime.fromisoformat(text)
    return to_ms(moment if moment.tzinfo else moment.replace(tzinfo=UTC))


def _scan_sql(schema: FileSchema) -> str:
    column = f'"{schema.time_column}"'
    t = column if schema.time_kind == "epoch_ms" else f"epoch_ms({column})"
    url = schema.url.replace("'", "''")
    return f"SELECT min({t}), max({t}) FROM read_parquet('{url}')"
