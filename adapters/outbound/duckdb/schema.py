"""Reads each file's columns once and builds the SQL that normalises it."""

from __future__ import annotations

from dataclasses import dataclass

from core.domain.errors import BadMarketData

TIME_COLUMNS = ("timestamp", "time", "datetime", "date", "ts")
PRICE_COLUMNS = ("open", "high", "low", "close")
_INTEGERS = ("BIGINT", "INTEGER", "UBIGINT", "UINTEGER", "HUGEINT", "SMALLINT")
_NUMBERS = ("DOUBLE", "FLOAT", "DECIMAL", "REAL", *_INTEGERS)


@dataclass(frozen=True)
class FileSchema:
    """How to read one file: its time column and kind, and whether it has volume."""

    url: str
    time_column: str
    time_kind: str  # "tz", "naive" or "epoch_ms"
    has_volume: bool

    def select(self, start_param: str, end_param: str) -> str:
        """A SELECT giving t (epoch ms), open, high, low, close, volume for a time range."""
        col = f'"{self.time_column}"'
        t = col if self.time_kind == "epoch_ms" else f"epoch_ms({col})"
        volume = 'CAST("volume" AS DOUBLE)' if self.has_volume else "0.0"
        prices = ", ".join(f'CAST("{c}" AS DOUBLE) AS {c}' for c in PRICE_COLUMNS)
        url = self.url.replace("'", "''")
        return (
            f"SELECT {t} AS t, {prices}, {volume} AS volume FROM read_parquet('{url}') "
            f"WHERE {col} >= {start_param} AND {col} < {end_param}"
        )


def file_schema(url: str, columns: dict[str, str]) -> FileSchema:
    """Checks the columns DESCRIBE reported; BadMarketData names the file and the problem."""
    lowered = {name.lower(): (name, kind.upper()) for name, kind in columns.items()}
    time_name = next((c for c in TIME_COLUMNS if c in lowered), None)
    if time_name is None:
        raise BadMarketData(f"{url}: no time column; expected one of {', '.join(TIME_COLUMNS)}")
    name, kind = lowered[time_name]
    if kind.startswith("TIMESTAMP WITH TIME ZONE") or kind == "TIMESTAMPTZ":
        time_kind = "tz"
    elif kind.startswith("TIMESTAMP"):
        time_kind = "naive"
    elif kind.startswith(_INTEGERS):
        time_kind = "epoch_ms"
    else:
        raise BadMarketData(
            f"{url}: column {name} is {kind}; expected a timestamp or epoch milliseconds"
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
    return FileSchema(url, name, time_kind, "volume" in lowered)
