"""`python -m bootstrap ingest FILE... --symbol S`: CSV bars into the yearly Parquet layout."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from adapters.outbound.parquet.ingest.formats import FormatError
from adapters.outbound.parquet.ingest.ingest import StrictModeFailure, ingest_files
from adapters.outbound.parquet.ingest.validation import Report
from bootstrap.market_data import market_data_sink
from bootstrap.settings import Settings


def _progress(enabled: bool) -> object:
    def wrap(items: Sequence[str]) -> Sequence[str]:
        if not enabled or not sys.stderr.isatty():
            return items
        from tqdm import tqdm

        return tqdm(items, desc="ingest", unit="file", file=sys.stderr)  # type: ignore[return-value]

    return wrap


def print_report(report: Report) -> None:
    print(
        f"read {report.rows_read} row(s), kept {report.rows_kept}, "
        f"dropped {report.duplicates_dropped} exact duplicate(s), {report.bad_rows} bad row(s)"
    )
    for reason, count in sorted(report.by_reason.items()):
        print(f"  {count} x {reason}", file=sys.stderr)
    for problem in report.problems:
        print(f"  {problem}", file=sys.stderr)
    for key, rows in report.written.items():
        print(f"wrote {key} ({rows} rows)")


async def ingest(settings: Settings, args: argparse.Namespace) -> int:
    paths = [Path(p) for p in args.files]
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        print(f"no such file: {', '.join(missing)}", file=sys.stderr)
        return 2
    sink, close = market_data_sink(settings)
    try:
        report = await ingest_files(
            paths,
            args.symbol,
            sink,
            fmt=args.format,
            source_tz=args.source_tz,
            strict=args.strict,
            progress=_progress(not args.no_progress),  # type: ignore[arg-type]
        )
    except StrictModeFailure as failure:
        print_report(failure.report)
        print("strict mode: nothing was written", file=sys.stderr)
        return 1
    except (FormatError, ValueError) as error:
        print(f"ingest failed: {error}", file=sys.stderr)
        return 2
    finally:
        await close()
    print_report(report)
    return 0
