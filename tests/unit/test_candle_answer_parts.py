"""The parts a candle answer is decided by: budget, representation, cache key, whole pages."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from adapters.inbound.http.ohlcv.cache_keys import answer_key
from adapters.inbound.http.ohlcv.encoders import ARROW, CSV, JSON
from adapters.inbound.http.ohlcv.limits import CandleLimits
from adapters.inbound.http.ohlcv.negotiation import Representation, negotiate
from adapters.inbound.http.ohlcv.whole_pages import require_whole_pages
from core.domain.candles import CandleSeries
from core.domain.errors import RuleViolated
from core.domain.timeframe import Timeframe
from core.domain.values import Symbol
from core.use_cases.market_data.freshness import Freshness
from core.use_cases.market_data.get_candles import CandlePage, CandlesAnswer

PARAMS: dict[str, Any] = {
    "start_date": datetime(2023, 1, 1, tzinfo=UTC),
    "end_date": datetime(2023, 2, 1, tzinfo=UTC),
    "timeframe": "1h",
    "source_resolution": "1Y",
    "layout": "rows",
    "time_format": "epoch_ms",
}
COLUMNS = {**PARAMS, "layout": "columns"}
HOUR = Timeframe.parse("1h")


def an_answer(*cursors: str | None) -> CandlesAnswer:
    pages = [CandlePage(CandleSeries(Symbol(f"S{i}"), HOUR), c) for i, c in enumerate(cursors)]
    return CandlesAnswer(pages, HOUR, PARAMS["start_date"], PARAMS["end_date"], Freshness.IMMUTABLE)


def test_the_budget_is_the_servers_maximum_unless_a_smaller_limit_is_asked() -> None:
    limits = CandleLimits(100)

    assert limits.budget(None) == 100
    assert limits.budget(40) == 40


def test_a_limit_above_the_maximum_is_refused_naming_it() -> None:
    with pytest.raises(RuleViolated) as refused:
        CandleLimits(100).budget(101)

    assert refused.value.field == "limit"
    assert "100" in refused.value.detail


@pytest.mark.parametrize(
    ("accept", "fmt", "media"),
    [("", "json", JSON), ("text/csv", "csv", CSV), (f"{ARROW}, */*", "arrow", ARROW)],
)
def test_the_accept_header_chooses_the_format_when_none_is_asked(
    accept: str, fmt: str, media: str
) -> None:
    representation = negotiate(PARAMS, accept)

    assert (representation.fmt, representation.media_type) == (fmt, media)


def test_the_format_parameter_wins_over_the_accept_header() -> None:
    assert negotiate({**PARAMS, "format": "csv"}, ARROW).fmt == "csv"


def test_arrow_answers_have_one_time_format_whatever_is_asked() -> None:
    assert negotiate({**PARAMS, "format": "arrow"}, "").time_format == "iso"
    assert negotiate({**PARAMS, "format": "csv"}, "").time_format == "epoch_ms"


def test_symbols_in_any_case_share_a_cache_key() -> None:
    json = negotiate(PARAMS, "")

    assert answer_key(("btc", "Eth"), PARAMS, json, 10, True) == answer_key(
        ("BTC", "ETH"), PARAMS, json, 10, True
    )


def test_another_representation_limit_or_form_is_another_cache_key() -> None:
    json = negotiate(PARAMS, "")
    key = answer_key(("BTC",), PARAMS, json, 10, False)

    assert answer_key(("BTC",), PARAMS, negotiate(PARAMS, CSV), 10, False) != key
    assert answer_key(("BTC",), PARAMS, negotiate(COLUMNS, ""), 10, False) != key
    assert answer_key(("BTC",), PARAMS, json, 11, False) != key
    assert answer_key(("BTC",), PARAMS, json, 10, True) != key


@pytest.mark.parametrize("fmt", ["csv", "arrow"])
def test_a_tabular_answer_for_several_symbols_must_hold_every_candle(fmt: str) -> None:
    with pytest.raises(RuleViolated) as refused:
        require_whole_pages(Representation(fmt, "rows", "iso"), an_answer(None, "c1"), 2, 10)

    assert refused.value.field == "end_date"
    assert "5 candles per symbol" in refused.value.detail


def test_json_answers_and_single_symbols_may_stop_short() -> None:
    require_whole_pages(Representation("json", "rows", "iso"), an_answer("c1", "c2"), 2, 10)
    require_whole_pages(Representation("csv", "rows", "iso"), an_answer("c1"), 1, 10)
    require_whole_pages(Representation("csv", "rows", "iso"), an_answer(None, None), 2, 10)
