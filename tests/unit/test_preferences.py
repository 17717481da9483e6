"""The Prefer header (RFC 7240) is read leniently: `wait` when it is usable, else nothing."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from adapters.inbound.http.preferences import preferences, requested_wait


@pytest.mark.parametrize(
    ("headers", "seconds"),
    [
        (["wait=10"], 10),
        (["WAIT=10"], 10),
        (['wait="7"'], 7),
        (["wait = 4 "], 4),
        (["respond-async, wait=5"], 5),
        (["respond-async", "wait=12"], 12),
        (['handling=lenient; note="a, b", wait=3; extra'], 3),
        (["wait=2, wait=9"], 2),
        (["wait=0"], 0),
        (["wait=" + "9" * 5000], 10**9),
    ],
)
def test_a_usable_wait_is_read(headers: list[str], seconds: int) -> None:
    assert requested_wait(headers) == seconds


@pytest.mark.parametrize(
    "header",
    [
        "wait=abc",
        "wait=-5",
        "wait",
        "wait=",
        "wait=1e9",
        "wait=1.5",
        'wait=""',
        'wait="5',
        'note="unclosed, wait=5',
        "wait=abc, wait=5",
        "respond-async",
        "=wait=5",
        ",,;;==",
        "",
    ],
)
def test_an_unusable_wait_is_none(header: str) -> None:
    assert requested_wait([header]) is None


def test_preferences_keep_their_first_value_unquoted_and_parameters_apart() -> None:
    found = preferences(['Return=minimal; x=1, handling="le\\"nient", return=representation'])

    assert found == {"return": "minimal", "handling": 'le"nient'}


@given(st.lists(st.text(max_size=200), max_size=3))
def test_any_header_is_read_without_an_error(headers: list[str]) -> None:
    seconds = requested_wait(headers)

    assert seconds is None or 0 <= seconds <= 10**9


@given(
    st.integers(min_value=0, max_value=10**6),
    st.sampled_from(["", "respond-async, ", "handling=strict; a=b, "]),
)
def test_wait_is_found_among_other_preferences(seconds: int, before: str) -> None:
    assert requested_wait([f"{before}wait={seconds}"]) == seconds
