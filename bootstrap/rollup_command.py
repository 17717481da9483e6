"""`python -m bootstrap rollup`: builds the rollups that are missing or stale, for files that
other tools wrote (ingest and sample-data build their own).

The adapters are imported when the command runs, so building the parser stays cheap.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from bootstrap.settings import Settings

if TYPE_CHECKING:
    from adapters.outbound.rollups.builder import Outcome

EXIT_STATUS = """\
exit status:
  0  every rollup asked for was built or already up to date
  1  some rollups could not be built (named on stderr as key: reason); the others were
  2  nothing was built: an invalid or unknown --symbol, or the folder or bucket cannot be
     reached

Rollups are per layout, level (5m, 1h, 1d), symbol and year; one is up to date while it
records the versions of the minute files it was built from. Run it again after another
tool rewrites minute files: only what changed is rebuilt.
"""


def add_rollup_parser(commands: argparse._SubParsersAction) -> argparse.ArgumentParser:
    about = "build the 5-minute, hourly and daily rollups that are missing or stale"
    rollup: argparse.ArgumentParser = commands.add_parser(
        "rollup",
        help=about,
        description=about,
        epilog=EXIT_STATUS,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    rollup.add_argument(
        "--symbol", action="append", metavar="S", help="only this symbol (repeat for more)"
    )
    rollup.add_argument(
        "--source-resolution",
        choices=["1Y", "1m", "all"],
        default="all",
        help="the minute layout to build from: yearly (1Y), legacy daily (1m) or both (default)",
    )
    rollup.add_argument("--force", action="store_true", help="rebuild up-to-date rollups too")
    rollup.add_argument(
        "--no-progress", action="store_true", help="no line per symbol-year; failures and summary"
    )
    return rollup


def _refuse(message: str) -> int:
    print(f"rollup: {message}", file=sys.stderr)
    return 2


def print_failures(outcomes: list[Outcome]) -> None:
    for outcome in outcomes:
        if outcome.state == "failed":
            print(f"rollup: {outcome.key}: {outcome.detail}", file=sys.stderr)


def year_line(outcomes: list[Outcome]) -> str:
    """`BTC 2023: built 5m, 1h; up to date 1d`."""
    first = outcomes[0]
    states: dict[str, list[str]] = {}
    for outcome in outcomes:
        states.setdefault(outcome.state, []).append(outcome.level)
    told = "; ".join(f"{state} {', '.join(levels)}" for state, levels in states.items())
    return f"{first.symbol} {first.year}: {told}"


async def rollup(settings: Settings, args: argparse.Namespace) -> int:
    """Runs the command; the exit status is documented in EXIT_STATUS."""
    from adapters.outbound.parquet.ingest.ingest import stored_symbol
    from adapters.outbound.rollups.runs import rollup_builder, symbol_years
    from bootstrap.market_data import market_data_sink
    from core.domain.candles import SourceResolution
    from core.domain.errors import Unavailable

    try:
        symbols = None if args.symbol is None else [stored_symbol(s) for s in args.symbol]
    except ValueError as error:
        return _refuse(str(error))
    chosen = args.source_resolution
    sources = list(SourceResolution) if chosen == "all" else [SourceResolution(chosen)]
    sink, close = market_data_sink(settings)
    try:
        problem = await sink.root.unreadable()
        if problem is not None:
            return _refuse(f"{sink.root.describe()} cannot be reached ({problem})")
        async with rollup_builder(sink) as builder:
            try:
                listings = [await builder.listing(source) for source in sources]
            except Unavailable as error:
                return _refuse(error.detail)
            stored = {symbol for listing in listings for symbol in listing.files}
            unknown = sorted(set(symbols or ()) - stored)
            if unknown:
                return _refuse(f"no market data for symbol(s) {', '.join(unknown)}")
            jobs = [(lst, *job) for lst in listings for job in symbol_years(lst, symbols)]
            outcomes: list[Outcome] = []
            for number, (listing, symbol, year) in enumerate(jobs, 1):
                done = await builder.build_year(listing, symbol, year, force=args.force)
                outcomes += done
                print_failures(done)
                if not args.no_progress:
                    print(f"[{number}/{len(jobs)}] ({listing.source}) {year_line(done)}")
    finally:
        await close()
    counts = {state: sum(o.state == state for o in outcomes) for state in ("built", "up to date")}
    failed = sum(o.state == "failed" for o in outcomes)
    print(f"built {counts['built']}, up to date {counts['up to date']}, failed {failed}")
    return 1 if failed else 0
