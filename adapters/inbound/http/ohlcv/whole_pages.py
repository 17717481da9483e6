"""CSV and Arrow answers for several symbols must hold every candle asked for.

A tabular answer has one table and no place for a cursor per symbol, so none of its pages
may stop short. Whether one does is known only once the pages are read: a sparse series fits
whatever the range, so no request can be refused on its parameters alone.
"""

from __future__ import annotations

from adapters.inbound.http.ohlcv.negotiation import Representation
from core.domain.errors import RuleViolated
from core.use_cases.market_data.get_candles import CandlesAnswer


def require_whole_pages(
    representation: Representation, answer: CandlesAnswer, symbols: int, limit: int
) -> None:
    if not representation.tabular or symbols < 2:
        return
    if any(page.next_cursor for page in answer.pages):
        raise RuleViolated(
            "csv and arrow answers for several symbols must fit in one page; "
            f"more than {limit // symbols} candles per symbol here: "
            "narrow the range, or ask for one symbol at a time and follow next_cursor",
            "end_date",
        )
