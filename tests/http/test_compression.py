"""Zstandard, Brotli and gzip answers: chosen from Accept-Encoding, decoded bodies equal the
plain ones."""

from __future__ import annotations

import gzip
import uuid
from typing import Any

import brotli
import pytest
from aiohttp.test_utils import TestClient
from dependency_injector import providers

from adapters.inbound.http.codings import offered, zstd
from adapters.inbound.http.compression import MIN_BYTES
from adapters.inbound.http.ohlcv.limits import CandleLimits
from adapters.inbound.http.routes.docs import REDOC_FILE, REDOC_SCRIPT_URL
from adapters.outbound.memory.candle_store import InMemoryCandleStore
from adapters.outbound.supabase.minting import mint_token
from bootstrap.container import Container
from bootstrap.web import build_app
from tests.http.conftest import SECRET
from tests.support.marketdata import bars, ms

DATA = "/api/v1/ohlcv/data"
TWO_DAYS = {"symbol": "BTC", "start_date": "2023-01-01", "end_date": "2023-01-02"}
DECODE = {"br": brotli.decompress, "gzip": gzip.decompress, "zstd": zstd.decompress}
PLAIN = {"Accept-Encoding": "identity"}


@pytest.fixture
def candles() -> InMemoryCandleStore:
    store = InMemoryCandleStore()
    store.add("BTC", bars(ms(2023, 1, 1), 3 * 24 * 60, seed=1))
    return store


@pytest.fixture
async def raw(aiohttp_client: Any, container: Container) -> TestClient:
    """A client that shows the bytes as sent, without decoding them."""
    client: TestClient = await aiohttp_client(build_app(container), auto_decompress=False)
    return client


def auth(**headers: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {mint_token(SECRET, str(uuid.uuid4()))}", **headers}


async def candles_as(raw: TestClient, encoding: str, **params: str) -> Any:
    return await raw.get(
        DATA, params={**TWO_DAYS, **params}, headers=auth(**{"Accept-Encoding": encoding})
    )


@pytest.mark.parametrize("fmt", ["json", "csv", "arrow"])
@pytest.mark.parametrize(
    ("accepted", "coding"),
    [
        ("gzip, deflate, br", "br"),
        ("br;q=0.5, gzip", "gzip"),
        ("GZIP", "gzip"),
        ("zstd", "zstd"),
        ("zstd;q=0.5, br", "br"),
        ("br;q=0, *", "zstd"),
        # Wanted equally: the server's preference for the answer's size (codings.offered).
        ("*", None),
        ("gzip, deflate, br, zstd", None),
    ],
)
async def test_a_candle_page_is_encoded_as_the_client_prefers_and_decodes_to_the_plain_one(
    raw: TestClient, fmt: str, accepted: str, coding: str | None
) -> None:
    plain = await candles_as(raw, "identity", timeframe="1m", format=fmt)
    encoded = await candles_as(raw, accepted, timeframe="1m", format=fmt)
    body = await encoded.read()
    coding = coding or offered(len(await plain.read()))[0]

    assert "Content-Encoding" not in plain.headers
    assert encoded.headers["Content-Encoding"] == coding
    assert int(encoded.headers["Content-Length"]) == len(body) < len(await plain.read())
    assert DECODE[coding](body) == await plain.read()
    assert "Accept-Encoding" in encoded.headers["Vary"]
    assert "private" in encoded.headers["Cache-Control"]


@pytest.mark.parametrize("accepted", ["identity", "br;q=0, gzip;q=0", "deflate", "*;q=0"])
async def test_no_acceptable_coding_means_the_plain_answer(raw: TestClient, accepted: str) -> None:
    response = await candles_as(raw, accepted, timeframe="1m")

    assert "Content-Encoding" not in response.headers
    assert (await response.json())["count"] == 2 * 24 * 60


async def test_small_answers_are_sent_plain_but_say_they_vary(raw: TestClient) -> None:
    response = await raw.get("/api/v1/backtests", headers=auth(**{"Accept-Encoding": "br"}))

    assert len(await response.read()) < MIN_BYTES
    assert "Content-Encoding" not in response.headers
    assert "Accept-Encoding" in response.headers["Vary"]


@pytest.mark.parametrize("coding", ["zstd", "br", "gzip"])
async def test_the_redoc_bundle_is_sent_encoded_and_decodes_to_the_shipped_file(
    raw: TestClient, coding: str
) -> None:
    first = await raw.get(REDOC_SCRIPT_URL, headers={"Accept-Encoding": coding})
    again = await raw.get(REDOC_SCRIPT_URL, headers={"Accept-Encoding": coding})

    assert first.headers["Content-Encoding"] == coding
    assert DECODE[coding](await first.read()) == REDOC_FILE.read_bytes()
    assert await again.read() == await first.read()


@pytest.mark.parametrize("fmt", ["json", "csv", "arrow"])
@pytest.mark.parametrize(
    ("accepted", "coding"), [("gzip, br, zstd", "zstd"), ("gzip, br", "br"), ("gzip", "gzip")]
)
async def test_a_streamed_page_is_encoded_as_the_client_prefers_while_it_is_written(
    raw: TestClient, container: Container, fmt: str, accepted: str, coding: str
) -> None:
    plain = await (await candles_as(raw, "identity", timeframe="1m", format=fmt)).read()
    container.market_data.ohlcv_cache.reset()
    container.market_data.candle_limits.override(
        providers.Object(CandleLimits(50_000, stream_above=10))
    )

    streamed = await candles_as(raw, accepted, timeframe="1m", format=fmt)

    assert streamed.headers["Transfer-Encoding"] == "chunked"
    assert streamed.headers["Content-Encoding"] == coding
    assert "Accept-Encoding" in streamed.headers["Vary"]
    assert "Content-Length" not in streamed.headers
    assert DECODE[coding](await streamed.read()) == plain


async def test_a_streamed_page_asked_for_plain_is_sent_plain(
    raw: TestClient, container: Container
) -> None:
    container.market_data.candle_limits.override(
        providers.Object(CandleLimits(50_000, stream_above=10))
    )

    streamed = await candles_as(raw, "identity", timeframe="1m")

    assert streamed.headers["Transfer-Encoding"] == "chunked"
    assert "Content-Encoding" not in streamed.headers
    assert (await streamed.json())["count"] == 2 * 24 * 60  # TWO_DAYS of minutes


@pytest.mark.parametrize("coding", ["zstd", "br", "gzip"])
async def test_a_cached_page_is_encoded_once_per_coding(
    raw: TestClient, container: Container, coding: str
) -> None:
    first = await candles_as(raw, "identity", timeframe="1m")
    plain = await first.read()
    (entry,) = container.market_data.ohlcv_cache()._immutable.values()

    hits = [await (await candles_as(raw, coding, timeframe="1m")).read() for _ in range(2)]

    assert list(entry.codings) == [coding]
    assert hits[0] == hits[1] == entry.codings[coding]
    assert DECODE[coding](hits[0]) == plain


async def test_an_encoded_answer_has_a_weak_etag_that_still_revalidates(raw: TestClient) -> None:
    plain = await candles_as(raw, "identity", timeframe="1m")
    encoded = await candles_as(raw, "br", timeframe="1m")
    weak = encoded.headers["ETag"]

    again_encoded = await raw.get(
        DATA,
        params={**TWO_DAYS, "timeframe": "1m"},
        headers=auth(**{"Accept-Encoding": "br", "If-None-Match": weak}),
    )
    again_plain = await raw.get(
        DATA,
        params={**TWO_DAYS, "timeframe": "1m"},
        headers=auth(**{**PLAIN, "If-None-Match": plain.headers["ETag"]}),
    )

    assert not plain.headers["ETag"].startswith("W/")
    assert weak == f"W/{plain.headers['ETag']}"
    assert (again_encoded.status, again_encoded.headers["ETag"]) == (304, weak)
    assert (again_plain.status, again_plain.headers["ETag"]) == (304, plain.headers["ETag"])
