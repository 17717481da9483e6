"""Ingest: parse files, validate, deduplicate, merge with what is stored, write yearly files."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from adapters.outbound.market_data_storage.bars_table import SCHEMA, to_parquet_bytes
from adapters.outbound.market_data_storage.layout import yearly_key
from adapters.outbound.market_data_storage.sinks import Sink
from adapters.outbound.parquet.ingest.formats import ParsedBars, parse
from adapters.outbound.parquet.ingest.interval import check_minute_bars
from adapters.outbound.parquet.ingest.reading import OnBytes
from adapters.outbound.parquet.ingest.validation import CONFLICT, Report, validate
from adapters.outbound.rollups.runs import OnYear, build_rollups, unbuilt
from core.domain.errors import RuleViolated, Unavailable
from core.domain.values import Symbol


class StrictModeFailure(ValueError):
    """Strict ingest met a bad row; nothing was written."""

    def __init__(self, report: Report) -> None:
        super().__init__(f"{report.bad_rows} bad row(s); first: {report.problems[0]}")
        self.report = report


class BadSymbol(ValueError):
    """The symbol cannot name stored files."""


def stored_symbol(text: str) -> str:
    """The symbol as stored (upper case); a `/` would split the storage path, so it is refused
    here although the domain allows it elsewhere."""
    try:
        name = Symbol(text).value
    except RuleViolated as error:
        raise BadSymbol(f"invalid symbol {text!r}: {error.detail}") from None
    if "/" in name:
        raise BadSymbol(
            f"invalid symbol {text!r}: '/' cannot be stored (it would split the file path); "
            f"try {name.replace('/', '')!r}"
        )
    return name


def _ignore(count: object) -> None:
    return None


async def ingest_files(
    paths: Sequence[Path],
    symbol: str,
    sink: Sink,
    *,
    fmt: str = "auto",
    source_tz: str = "America/New_York",
    strict: bool = False,
    on_bytes: OnBytes = _ignore,
    rollups: bool = True,
    on_rollups: OnYear = _ignore,
) -> Report:
    """Idempotent: the same inputs over the same stored files give byte-identical files.

    Raises BadSymbol, FormatError (a file in another format, or not of 1-minute bars) and,
    in strict mode, StrictModeFailure before anything is written. `on_bytes` is told of every
    read of the input files (in bytes on disk). With `rollups`, the rollups of every year
    written are built next, from the files as then listed; `on_rollups` hears how each year
    went (a rollup that failed is told there, never raised: the minutes are written).
    """
    name = stored_symbol(symbol)
    report = Report(files=[str(path) for path in paths])
    tables = []
    for path in paths:
        bars = parse(Path(path), fmt, source_tz, on_bytes=on_bytes)
        check_minute_bars(bars.path, bars.stamps)
        report.rows_read += bars.rows
        keep = validate(bars, report)
        tables.append((bars, keep))
    merged = _deduplicate(tables, report)
    if strict and report.bad_rows:
        raise StrictModeFailure(report)
    years: list[int] = []
    for year, rows in _by_year(merged).items():
        key = yearly_key(name, year)
        stored = await sink.read(key)
        combined = _merge(_read(stored), rows) if stored else rows
        await sink.write(key, to_parquet_bytes(combined))
        report.written[key] = combined.num_rows
        years.append(year)
    report.rows_kept = merged.num_rows
    if rollups and years:
        try:
            await build_rollups(sink, symbols=[name], years=years, on_year=on_rollups)
        except Unavailable as error:  # the files were written; listing them again failed
            on_rollups([unbuilt(name, year, error.detail) for year in years])
    return report


def _table(bars: ParsedBars, keep: np.ndarray) -> pa.Table:
    times = pa.array(bars.times[keep], pa.int64()).cast(pa.timestamp("ms", tz="UTC"))
    columns = [bars.open, bars.high, bars.low, bars.close, bars.volume]
    return pa.table([times, *[pa.array(c[keep], pa.float64()) for c in columns]], schema=SCHEMA)


def _deduplicate(parsed: list[tuple[ParsedBars, np.ndarray]], report: Report) -> pa.Table:
    """Sorts by time; exact repeats go quietly (counted), a clashing repeat is a bad row."""
    if not parsed:
        return SCHEMA.empty_table()
    table = pa.concat_tables([_table(bars, keep) for bars, keep in parsed])
    lines = np.concatenate([bars.lines[keep] for bars, keep in parsed])
    paths = np.concatenate(
        [np.full(int(keep.sum()), bars.path, dtype=object) for bars, keep in parsed]
    )
    times = table.column("timestamp").cast(pa.int64()).to_numpy()
    order = np.argsort(times, kind="stable")
    table, lines, paths, times = table.take(order), lines[order], paths[order], times[order]
    repeat = np.zeros(len(times), dtype=bool)
    repeat[1:] = times[1:] == times[:-1]
    if repeat.any():
        values = np.vstack([table.column(n).to_numpy() for n in SCHEMA.names[1:]])
        first_index = np.maximum.accumulate(np.where(~repeat, np.arange(len(times)), 0))
        same = (values == values[:, first_index]).all(axis=0)
        report.duplicates_dropped += int((repeat & same).sum())
        # The first row of a minute stays; a later one that disagrees is reported.
        clashing = repeat & ~same
        for path in dict.fromkeys(paths[clashing]):
            report.add_lines(str(path), lines[clashing & (paths == path)], CONFLICT)
        table = table.filter(pa.array(~repeat))
    return table


def _by_year(table: pa.Table) -> dict[int, pa.Table]:
    if table.num_rows == 0:
        return {}
    times = table.column("timestamp").cast(pa.int64()).to_numpy()
    years = np.array([datetime.fromtimestamp(t / 1000, UTC).year for t in (times[0], times[-1])])
    out = {}
    for year in range(int(years[0]), int(years[1]) + 1):
        start = int(datetime(year, 1, 1, tzinfo=UTC).timestamp() * 1000)
        end = int(datetime(year + 1, 1, 1, tzinfo=UTC).timestamp() * 1000)
        chunk = table.filter(pa.array((times >= start) & (times < end)))
        if chunk.num_rows:
            out[year] = chunk
    return out


def _read(data: bytes) -> pa.Table:
    return pq.read_table(io.BytesIO(data)).cast(SCHEMA)


def _merge(stored: pa.Table, new: pa.Table) -> pa.Table:
    """New bars replace stored bars of the same minute; the result is sorted by time."""
    new_times = new.column("timestamp").cast(pa.int64()).to_numpy()
    stored_times = stored.column("timestamp").cast(pa.int64()).to_numpy()
    kept = stored.filter(pa.array(~np.isin(stored_times, new_times)))
    combined = pa.concat_tables([kept, new])
    order = np.argsort(combined.column("timestamp").cast(pa.int64()).to_numpy(), kind="stable")
    return combined.take(order)
