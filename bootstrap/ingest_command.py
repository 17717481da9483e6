"""`python -m bootstrap ingest FILE... --symbol S`: CSV bars into the yearly Parquet layout.

The adapters are imported when the command runs, so building the parser stays cheap.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from bootstrap.settings import Settings

if TYPE_CHECKING:
    from adapters.outbound.parquet.ingest.reading import OnBytes
    from adapters.outbound.parquet.ingest.validation import Report
    from adapters.outbound.rollups.builder import Outcome

EXIT_STATUS = """\
exit status:
  0  every row was good; all were written
  1  some rows were refused (listed on stderr as file:line: reason); the good rows
     were written
  2  nothing was written: an invalid --symbol or --source-tz, a missing file, a file
     not in the format asked for or not of 1-minute bars, or --strict and a bad row

The rollups of every year written are rebuilt next. One that cannot be built is named on
stderr and changes no status: queries read the minutes until `rollup` builds it.
"""


def add_ingest_parser(commands: argparse._SubParsersAction) -> argparse.ArgumentParser:
    about = "convert CSV files of 1-minute bars into the yearly Parquet layout"
    ingest: argparse.ArgumentParser = commands.add_parser(
        "ingest",
        help=about,
        description=about,
        epilog=EXIT_STATUS,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ingest.add_argument("files", nargs="+", help="CSV files (.csv or .csv.gz)")
    ingest.add_argument("--symbol", required=True, help="symbol the bars belong to, e.g. EURUSD")
    ingest.add_argument(
        "--format",
        choices=["auto", "plain", "histdata", "binance"],
        default="auto",
        help="input format (default: detected from the first line)",
    )
    ingest.add_argument(
        "--source-tz",
        default="America/New_York",
        help="time zone of HistData timestamps (default America/New_York; see README)",
    )
    ingest.add_argument(
        "--strict", action="store_true", help="write nothing if any row is bad (exit 2)"
    )
    ingest.add_argument("--no-progress", action="store_true", help="no progress bar")
    return ingest


def _ignore(count: int) -> None:
    return None


@contextmanager
def _progress(paths: Sequence[Path], enabled: bool) -> Iterator[OnBytes]:
    """A bar over the bytes of all files, on stderr when it is a terminal."""
    if not enabled or not sys.stderr.isatty():
        yield _ignore
        return
    from tqdm import tqdm

    total = sum(path.stat().st_size for path in paths)
    with tqdm(
        total=total, desc="ingest", unit="B", unit_scale=True, unit_divisor=1024, file=sys.stderr
    ) as bar:
        yield bar.update


def print_report(report: Report) -> None:
    for problem in report.problems:
        print(problem, file=sys.stderr)
    if report.bad_rows > len(report.problems):
        print(f"... and {report.bad_rows - len(report.problems)} more", file=sys.stderr)
        for reason, count in sorted(report.by_reason.items()):
            print(f"  {count} x {reason}", file=sys.stderr)
    print(
        f"read {report.rows_read} row(s), kept {report.rows_kept}, "
        f"dropped {report.duplicates_dropped} exact duplicate(s), {report.bad_rows} bad row(s)"
    )
    for key, rows in report.written.items():
        print(f"wrote {key} ({rows} rows)")


def _refuse(message: str) -> int:
    print(f"ingest: {message}", file=sys.stderr)
    return 2


async def ingest(settings: Settings, args: argparse.Namespace) -> int:
    """Runs the command; the exit status is documented in EXIT_STATUS."""
    from adapters.outbound.parquet.ingest.ingest import (
        StrictModeFailure,
        ingest_files,
        stored_symbol,
    )
    from adapters.outbound.parquet.ingest.timezones import zone
    from bootstrap.market_data import market_data_sink
    from bootstrap.rollup_command import print_failures

    try:
        symbol = stored_symbol(args.symbol)
        zone(args.source_tz)
    except ValueError as error:
        return _refuse(str(error))
    paths = [Path(p) for p in args.files]
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        return _refuse(f"no such file: {', '.join(missing)}")
    sink, close = market_data_sink(settings)
    built: list[Outcome] = []
    try:
        with _progress(paths, not args.no_progress) as on_bytes:
            report = await ingest_files(
                paths,
                symbol,
                sink,
                fmt=args.format,
                source_tz=args.source_tz,
                strict=args.strict,
                on_bytes=on_bytes,
                on_rollups=built.extend,
            )
    except StrictModeFailure as failure:
        print_report(failure.report)
        return _refuse(f"--strict and {failure.report.bad_rows} bad row(s): nothing was written")
    except ValueError as error:
        return _refuse(f"{error}; nothing was written")
    finally:
        await close()
    print_report(report)
    for outcome in built:
        if outcome.state == "built":
            print(f"wrote {outcome.key}")
    print_failures(built)
    return 1 if report.bad_rows else 0
