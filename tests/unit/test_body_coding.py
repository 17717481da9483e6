"""The one rule for encoding a buffered body: which coding, and the Vary and ETag it implies."""

from __future__ import annotations

import pytest
from aiohttp.test_utils import make_mocked_request

from adapters.inbound.http.codings import LARGE_BYTES
from adapters.inbound.http.compression import MIN_BYTES, body_coding


@pytest.mark.parametrize(
    ("size", "accepted", "coding", "etag"),
    [
        (MIN_BYTES, "br", "br", 'W/"x"'),
        (MIN_BYTES - 1, "br", None, '"x"'),
        (MIN_BYTES, "identity", None, '"x"'),
        # Wanted equally, a small body goes in Brotli and a large one in Zstandard.
        (MIN_BYTES, "br, zstd", "br", 'W/"x"'),
        (LARGE_BYTES + 1, "br, zstd", "zstd", 'W/"x"'),
        (LARGE_BYTES + 1, "zstd;q=0.5, br", "br", 'W/"x"'),
        (LARGE_BYTES + 1, "gzip, zstd;q=0", "gzip", 'W/"x"'),
    ],
)
def test_one_rule_decides_the_coding_vary_and_etag_of_a_body(
    size: int, accepted: str, coding: str | None, etag: str
) -> None:
    request = make_mocked_request("GET", "/", headers={"Accept-Encoding": accepted})
    headers = {"ETag": '"x"'}

    chosen = body_coding(request, headers, "text/csv", b"x" * size)

    assert chosen == coding
    assert headers["ETag"] == etag
    assert headers["Vary"] == "Accept-Encoding"
    assert headers.get("Content-Encoding") == coding


def test_a_body_encoded_already_only_gets_its_vary() -> None:
    request = make_mocked_request("GET", "/", headers={"Accept-Encoding": "br"})
    headers = {"ETag": '"x"'}

    assert body_coding(request, headers, "application/json", None) is None
    assert headers == {"ETag": '"x"', "Vary": "Accept-Encoding"}


def test_a_type_that_does_not_shrink_is_left_as_it_is() -> None:
    request = make_mocked_request("GET", "/", headers={"Accept-Encoding": "br"})
    headers = {"ETag": '"x"'}

    assert body_coding(request, headers, "image/png", b"x" * MIN_BYTES) is None
    assert headers == {"ETag": '"x"'}
