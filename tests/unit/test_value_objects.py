from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from uuid import UUID

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.domain.amounts import positive, to_decimal
from core.domain.errors import RuleViolated
from core.domain.pagination import Cursor, PageRequest
from core.domain.text import bounded_text
from core.domain.timeframe import COMMON, Timeframe
from core.domain.values import DateRange, Symbol

timeframe_texts = st.one_of(
    st.builds(lambda n, u: f"{n}{u}", st.integers(1, 9999), st.sampled_from("mhd")),
    st.sampled_from(["1w", "1M"]),
)


@given(timeframe_texts)
def test_a_timeframe_prints_as_it_was_parsed(text: str) -> None:
    assert str(Timeframe.parse(text)) == text


@pytest.mark.parametrize("text", COMMON)
def test_every_common_timeframe_parses(text: str) -> None:
    assert str(Timeframe.parse(text)) == text


@pytest.mark.parametrize("text", ["", "0m", "5", "m5", "2w", "3M", "1y", "10000m", "1.5h", " "])
def test_a_malformed_timeframe_is_refused_with_the_allowed_forms(text: str) -> None:
    with pytest.raises(RuleViolated, match="1w or 1M"):
        Timeframe.parse(text)


def test_fixed_timeframes_know_their_length_and_months_do_not() -> None:
    assert Timeframe.parse("4h").minutes == 240
    assert Timeframe.parse("1w").minutes == 7 * 24 * 60
    assert Timeframe.parse("1M").minutes is None


@given(st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._\-/]{0,31}", fullmatch=True))
def test_a_symbol_is_stored_upper_case(text: str) -> None:
    assert Symbol(text).value == text.upper()


@pytest.mark.parametrize("text", ["", " ", "-BTC", "BTC USD", "A" * 33, "BTC$"])
def test_a_malformed_symbol_is_refused(text: str) -> None:
    with pytest.raises(RuleViolated):
        Symbol(text)


def test_a_date_range_ending_before_it_starts_is_refused() -> None:
    with pytest.raises(RuleViolated, match="end_date"):
        DateRange(date(2023, 2, 1), date(2023, 1, 31))


def test_a_one_day_range_is_fine() -> None:
    assert DateRange(date(2023, 1, 1), date(2023, 1, 1)).days == 1


@pytest.mark.parametrize("value", [0, -1, "-0.01", Decimal("0")])
def test_amounts_that_must_be_positive_refuse_zero_and_below(value: object) -> None:
    with pytest.raises(RuleViolated, match="greater than zero"):
        positive(value, "initial_capital")  # type: ignore[arg-type]


@pytest.mark.parametrize("value", ["NaN", "Infinity", float("nan"), "abc", "1e20", "0.00000000001"])
def test_numbers_that_are_not_finite_huge_or_too_precise_are_refused(value: object) -> None:
    with pytest.raises(RuleViolated):
        to_decimal(value, "x")  # type: ignore[arg-type]


def test_a_float_converts_without_binary_noise() -> None:
    assert to_decimal(0.1, "x") == Decimal("0.1")


def test_text_is_trimmed_and_bounded() -> None:
    assert bounded_text("  name ", "name", max_length=4) == "name"
    with pytest.raises(RuleViolated):
        bounded_text("   ", "name", max_length=4)
    with pytest.raises(RuleViolated):
        bounded_text("names", "name", max_length=4)


@given(
    st.datetimes(
        timezones=st.just(UTC), min_value=datetime(1970, 1, 2), max_value=datetime(2200, 12, 31)
    ),
    st.uuids(),
)
def test_a_cursor_survives_its_round_trip(at: datetime, id_: UUID) -> None:
    cursor = Cursor(at, id_)

    assert Cursor.decode(cursor.encode()) == cursor


@given(st.text(max_size=60))
def test_a_forged_cursor_is_refused_as_invalid_input(token: str) -> None:
    with pytest.raises(RuleViolated) as raised:
        Cursor.decode(token)

    assert raised.value.field == "cursor"


@pytest.mark.parametrize("limit", [0, -1, 501])
def test_a_page_limit_out_of_bounds_is_refused(limit: int) -> None:
    with pytest.raises(RuleViolated, match="limit"):
        PageRequest(limit=limit)
