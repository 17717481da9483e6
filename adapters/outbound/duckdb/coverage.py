"""A symbol's coverage: the periods of its stored files and the times of its first and last bar.

Only the files of the first and the last period are read for the bar times (from their footers);
when none of a period's files holds a readable bar, the next period inward is tried.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterable
from datetime import date

from adapters.outbound.duckdb.bounds import Bounds
from adapters.outbound.market_data_storage.layout import Listing, Period
from core.domain.candles import SourceResolution, SymbolCoverage, from_ms
from core.domain.values import Symbol

FileBounds = Callable[[str], Awaitable[Bounds | None]]


async def symbol_coverage(symbol: str, listing: Listing, bounds_of: FileBounds) -> SymbolCoverage:
    stored = listing.files[symbol]
    periods: list[Period] = sorted(stored)  # type: ignore[type-var]
    first = await _edge(stored, periods, bounds_of, last=False)
    last = await _edge(stored, reversed(periods), bounds_of, last=True)
    first_bar = None if first is None else from_ms(first)
    last_bar = None if last is None else from_ms(last)
    if listing.source == SourceResolution.YEARLY:
        years = tuple(p for p in periods if isinstance(p, int))
        return SymbolCoverage(Symbol(symbol), listing.source, years, (), first_bar, last_bar)
    days = tuple(p for p in periods if isinstance(p, date))
    years = tuple(sorted({d.year for d in days}))
    return SymbolCoverage(Symbol(symbol), listing.source, years, days, first_bar, last_bar)


async def _edge(
    stored: dict[Period, list[str]], periods: Iterable[Period], bounds_of: FileBounds, last: bool
) -> int | None:
    """The earliest (or latest) bar time in the first period, from the outside in, that has one."""
    for period in periods:
        found = [b for b in await asyncio.gather(*map(bounds_of, stored[period])) if b]
        if found:
            return max(b[1] for b in found) if last else min(b[0] for b in found)
    return None
