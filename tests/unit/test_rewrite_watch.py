"""RewriteWatch: from listings alone, it tells when an object DuckDB may have read changed."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from adapters.outbound.market_data_storage.rewrites import RewriteWatch

YEAR = "ohlcv/1Y/symbol=BTC/year=2024/BTC_2024.parquet"
OTHER = "ohlcv/1Y/symbol=ETH/year=2024/ETH_2024.parquet"
ROLLUP = "rollups/1h/symbol=BTC/year=2024/BTC_2024.parquet"


def watched() -> tuple[RewriteWatch, list[int]]:
    watch, heard = RewriteWatch(), []
    watch.subscribe(lambda: heard.append(1))
    return watch, heard


def test_a_read_object_listed_with_another_etag_is_a_rewrite() -> None:
    watch, heard = watched()
    watch.listed("ohlcv/1Y/", {YEAR: '"a"', OTHER: '"b"'})
    watch.handed(YEAR)

    watch.listed("ohlcv/1Y/", {YEAR: '"a"', OTHER: '"b"'})
    unchanged = len(heard)
    watch.listed("ohlcv/1Y/", {YEAR: '"c"', OTHER: '"b"'})

    assert (unchanged, len(heard)) == (0, 1)


def test_a_read_object_gone_from_the_listing_is_a_rewrite() -> None:
    watch, heard = watched()
    watch.listed("ohlcv/1Y/", {YEAR: '"a"'})
    watch.handed(YEAR)

    watch.listed("ohlcv/1Y/", {})

    assert len(heard) == 1


def test_objects_never_handed_to_duckdb_change_nothing() -> None:
    watch, heard = watched()
    watch.listed("ohlcv/1Y/", {YEAR: '"a"', OTHER: '"b"'})
    watch.handed(YEAR)

    watch.listed("ohlcv/1Y/", {YEAR: '"a"', OTHER: '"changed"', "ohlcv/1Y/new.parquet": '"n"'})

    assert heard == []


def test_a_listing_of_another_prefix_leaves_the_versions_of_this_one_alone() -> None:
    watch, heard = watched()
    watch.listed("ohlcv/1Y/", {YEAR: '"a"'})
    watch.listed("rollups/", {ROLLUP: '"r"'})
    watch.handed(YEAR)
    watch.handed(ROLLUP)

    watch.listed("rollups/", {ROLLUP: '"r"'})
    quiet = len(heard)
    watch.listed("ohlcv/1Y/", {YEAR: '"b"'})

    assert (quiet, len(heard)) == (0, 1)


def test_each_rewrite_is_told_once() -> None:
    watch, heard = watched()
    watch.listed("ohlcv/1Y/", {YEAR: '"a"'})
    watch.handed(YEAR)

    watch.listed("ohlcv/1Y/", {YEAR: '"b"'})
    watch.listed("ohlcv/1Y/", {YEAR: '"b"'})

    assert len(heard) == 1


versions = st.dictionaries(st.sampled_from([YEAR, OTHER]), st.sampled_from(['"a"', '"b"']))


@given(st.lists(versions, min_size=1, max_size=6))
def test_it_tells_exactly_when_the_read_object_differs_from_its_last_listing(
    listings: list[dict[str, str]],
) -> None:
    watch, heard = watched()
    watch.handed(YEAR)
    expected, last = 0, None

    for found in listings:
        if last is not None and YEAR in last and found.get(YEAR) != last[YEAR]:
            expected += 1
        watch.listed("ohlcv/", found)
        last = found

    assert len(heard) == expected
