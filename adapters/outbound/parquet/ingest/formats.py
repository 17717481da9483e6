"""The CSV formats we read, each parsed to epoch milliseconds (UTC) and float columns.

- plain: a header with a time column (timestamp, time, datetime, date, ts or timestamp_utc)
  and open, high, low, close, optionally volume. ISO times; no offset means UTC. Integer
  times are epoch seconds, milliseconds or microseconds, told apart by magnitude.
- histdata: HistData ASCII M1, no header, `YYYYMMDD HHMMSS;open;high;low;close;volume`,
  in Eastern time (see `to_utc_ms`).
- binance: Binance kline CSV, open time (epoch ms, or µs in newer files) first.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from adapters.outbound.parquet.ingest.timezones import to_utc_ms

TIME_COLUMNS = ("timestamp", "time", "datetime", "date", "ts", "timestamp_utc", "open_time")
PRICES = ("open", "high", "low", "close")
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


class FormatError(ValueError):
    """The file is not in the format asked for; the message names file and problem."""


@dataclass
class ParsedBars:
    """Columns of one file; `lines` are the 1-based line numbers the rows came from."""

    path: str
    times: np.ndarray
    open: np.ndarray
    high: np.ndarray
    low: np.ndarray
    close: np.ndarray
    volume: np.ndarray
    lines: np.ndarray


def first_line(path: Path) -> str:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", errors="replace") as file:  # type: ignore[operator]
        return file.readline().strip()


def detect_format(path: Path) -> str:
    line = first_line(path)
    if ";" in line and line[:8].isdigit():
        return "histdata"
    head = line.split(",")[0].strip().lower()
    if head.isdigit() and len(head) >= 12:
        return "binance"
    if head in TIME_COLUMNS or head == "":
        return "plain"
    raise FormatError(f"{path}: cannot tell the format from its first line {line[:60]!r}")


def parse(path: Path, fmt: str, source_tz: str) -> ParsedBars:
    fmt = detect_format(path) if fmt == "auto" else fmt
    try:
        if fmt == "histdata":
            return _histdata(path, source_tz)
        if fmt == "binance":
            return _binance(path)
        return _plain(path)
    except (pa.ArrowInvalid, pa.ArrowTypeError, KeyError, IndexError) as error:
        raise FormatError(f"{path}: not a {fmt} file: {str(error).splitlines()[0][:200]}") from None


def _floats(table: pa.Table, name: str) -> np.ndarray:
    return table.column(name).cast(pa.float64()).to_numpy(zero_copy_only=False)


def _epoch_to_ms(values: np.ndarray) -> np.ndarray:
    """Seconds, milliseconds or microseconds since the epoch, by magnitude, to milliseconds."""
    values = values.astype(np.int64)
    biggest = int(np.abs(values).max()) if len(values) else 0
    if biggest >= 10**14:
        return values // 1000
    if biggest >= 10**11:
        return values
    return values * 1000


def _time_ms(column: pa.ChunkedArray) -> np.ndarray:
    kind = column.type
    if pa.types.is_timestamp(kind):
        return (
            column.cast(pa.timestamp("ms", tz=kind.tz))
            .cast(pa.int64())
            .to_numpy(zero_copy_only=False)
        )
    if pa.types.is_integer(kind):
        return _epoch_to_ms(column.to_numpy(zero_copy_only=False))
    if pa.types.is_date(kind):
        return column.cast(pa.timestamp("ms")).cast(pa.int64()).to_numpy(zero_copy_only=False)
    if pa.types.is_string(kind) or pa.types.is_large_string(kind):
        # Mixed or unusual ISO forms that Arrow's inference gave up on: read each one.
        return np.array([_iso_ms(text) for text in column.to_pylist()], dtype=np.int64)
    raise pa.ArrowInvalid(f"time column has type {kind}; expected ISO times or epoch numbers")


def _iso_ms(text: str | None) -> int:
    if text is None:
        raise pa.ArrowInvalid("a row has no time")
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise pa.ArrowInvalid(f"cannot read the time {text!r}") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return (moment - EPOCH) // timedelta(milliseconds=1)


def _plain(path: Path) -> ParsedBars:
    table = pacsv.read_csv(path)
    names = {n.lower().strip(): n for n in table.column_names}
    time_name = next((names[c] for c in TIME_COLUMNS if c in names), None)
    if time_name is None:
        # backtesting.py files name their index column "".
        time_name = names.get("")
    if time_name is None:
        raise FormatError(f"{path}: no time column; expected one of {', '.join(TIME_COLUMNS)}")
    missing = [p for p in PRICES if p not in names]
    if missing:
        raise FormatError(f"{path}: missing column(s) {', '.join(missing)}")
    volume = _floats(table, names["volume"]) if "volume" in names else np.zeros(table.num_rows)
    return _bars(path, _time_ms(table.column(time_name)), table, names, volume, first_line=2)


def _histdata(path: Path, source_tz: str) -> ParsedBars:
    names = ["when", "open", "high", "low", "close", "volume"]
    table = pacsv.read_csv(
        path,
        read_options=pacsv.ReadOptions(column_names=names),
        parse_options=pacsv.ParseOptions(delimiter=";"),
        convert_options=pacsv.ConvertOptions(column_types={"when": pa.string()}),
    )
    local = pc.strptime(table.column("when"), format="%Y%m%d %H%M%S", unit="s")
    local_seconds = local.cast(pa.int64()).to_numpy(zero_copy_only=False)
    times = to_utc_ms(local_seconds, source_tz)
    return _bars(path, times, table, None, _floats(table, "volume"), first_line=1)


def _binance(path: Path) -> ParsedBars:
    has_header = not first_line(path).split(",")[0].strip().isdigit()
    names = ["open_time", "open", "high", "low", "close", "volume"]
    options = pacsv.ReadOptions(skip_rows=1 if has_header else 0, autogenerate_column_names=True)
    table = pacsv.read_csv(path, read_options=options)
    table = table.select(list(range(6))).rename_columns(names)
    times = _epoch_to_ms(table.column("open_time").to_numpy(zero_copy_only=False))
    volume = _floats(table, "volume")
    return _bars(path, times, table, None, volume, first_line=1 + has_header)


def _bars(
    path: Path,
    times: np.ndarray,
    table: pa.Table,
    names: dict[str, str] | None,
    volume: np.ndarray,
    first_line: int,
) -> ParsedBars:
    """`names` maps lower-case column names to the file's own spelling, when they differ."""

    def prices(name: str) -> np.ndarray:
        return _floats(table, names[name] if names else name)

    return ParsedBars(
        path=str(path),
        times=times,
        open=prices("open"),
        high=prices("high"),
        low=prices("low"),
        close=prices("close"),
        volume=volume,
        lines=np.arange(first_line, first_line + table.num_rows),
    )
