"""A builder with an engine of its own, and the symbol-years to build, in order."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Collection, Iterator
from contextlib import asynccontextmanager

from adapters.outbound.duckdb.engine import DuckDbEngine
from adapters.outbound.market_data_storage.layout import Listing
from adapters.outbound.market_data_storage.rollup_layout import rollup_key
from adapters.outbound.market_data_storage.sinks import Sink
from adapters.outbound.rollups.builder import FAILED, Outcome, RollupBuilder
from core.domain.candles import SourceResolution

OnYear = Callable[[list[Outcome]], object]


@asynccontextmanager
async def rollup_builder(sink: Sink, workers: int = 2) -> AsyncIterator[RollupBuilder]:
    engine = DuckDbEngine(workers=workers)
    try:
        yield RollupBuilder(sink, engine)
    finally:
        await engine.close()


def symbol_years(
    listing: Listing, symbols: Collection[str] | None = None, years: Collection[int] | None = None
) -> Iterator[tuple[str, int]]:
    """(symbol, year) of every stored year, by symbol then year; only those asked for."""
    for symbol in sorted(listing.files):
        if symbols is not None and symbol not in symbols:
            continue
        for year in listing.years(symbol):
            if years is None or year in years:
                yield symbol, year


def _ignore(outcomes: list[Outcome]) -> None:
    return None


def unbuilt(
    symbol: str, year: int, detail: str, source: SourceResolution = SourceResolution.YEARLY
) -> Outcome:
    """A year none of whose rollups could be built (its minute files could not be listed)."""
    return Outcome(rollup_key(source, "*", symbol, year), symbol, year, "*", FAILED, detail)


async def build_rollups(
    sink: Sink,
    source: SourceResolution = SourceResolution.YEARLY,
    *,
    symbols: Collection[str] | None = None,
    years: Collection[int] | None = None,
    on_year: OnYear = _ignore,
) -> list[Outcome]:
    """Builds what is missing or stale among the symbol-years asked for (all by default).

    Unavailable when the minute files cannot be listed; other failures are outcomes.
    """
    outcomes: list[Outcome] = []
    async with rollup_builder(sink) as builder:
        listing = await builder.listing(source)
        for symbol, year in symbol_years(listing, symbols, years):
            done = await builder.build_year(listing, symbol, year)
            on_year(done)
            outcomes += done
    return outcomes
