"""Which answers are compressed, and with which coding of those the client accepts."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from adapters.inbound.http.compression import compressible
from adapters.inbound.http.header_values import choose_coding


@pytest.mark.parametrize(
    ("content_type", "expected"),
    [
        ("application/json", True),
        ("application/problem+json", True),
        ("text/csv", True),
        ("application/vnd.apache.arrow.stream", True),
        ("image/png", False),
        ("application/zip", False),
        ("application/gzip", False),
        ("application/octet-stream", False),
        ("text/event-stream", False),
    ],
)
def test_only_types_that_shrink_are_compressed(content_type: str, expected: bool) -> None:
    assert compressible(content_type) is expected


_QUALITY = st.sampled_from([0.0, 0.001, 0.5, 0.8, 1.0])


@given(
    st.dictionaries(
        st.sampled_from(["br", "gzip", "deflate", "identity", "*", "zstd"]), _QUALITY, max_size=6
    ),
    st.booleans(),
)
def test_the_chosen_coding_is_the_most_wanted_of_the_offered_ones(
    wanted: dict[str, float], upper: bool
) -> None:
    header = ", ".join(f"{c.upper() if upper else c};q={q}" for c, q in wanted.items())

    chosen = choose_coding(header, ("br", "gzip"))

    quality = {c: wanted.get(c, wanted.get("*", 0.0)) for c in ("br", "gzip")}
    best = max(quality.values())
    if best == 0:
        assert chosen is None
    else:
        assert chosen == ("br" if quality["br"] == best else "gzip")


def test_a_coding_without_quality_is_fully_wanted_and_a_bad_quality_refuses_it() -> None:
    assert choose_coding("gzip, br", ("br", "gzip")) == "br"
    assert choose_coding("br;q=oops, gzip", ("br", "gzip")) == "gzip"
    assert choose_coding("", ("br", "gzip")) is None
