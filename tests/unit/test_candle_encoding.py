from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import given
from hypothesis import strategies as st

from adapters.inbound.http.ohlcv.encoders import iso_times

moments = st.datetimes(
    min_value=datetime(1971, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC)
)


@given(st.lists(moments, max_size=50))
def test_fast_iso_strings_match_the_standard_library(values: list[datetime]) -> None:
    as_ms = [int(v.timestamp() * 1000) // 1000 * 1000 for v in values]

    expected = [
        datetime.fromtimestamp(ms / 1000, UTC).strftime(
            "%Y-%m-%dT%H:%M:%SZ" if ms % 60_000 == 0 else "%Y-%m-%dT%H:%M:%S.%fZ"
        )
        for ms in as_ms
    ]

    assert iso_times(as_ms) == expected
