"""A rollup's provenance: the digest of the (key, version) pairs of its year's minute files."""

from __future__ import annotations

from datetime import date

from adapters.outbound.duckdb.rollups.provenance import FORMAT, Provenance, source_digest
from adapters.outbound.market_data_storage.layout import Listing, daily_key, yearly_key
from adapters.outbound.market_data_storage.rollup_layout import rollup_files, rollup_key
from core.domain.candles import SourceResolution

YEARLY, DAILY = SourceResolution.YEARLY, SourceResolution.DAILY


def digest(source: SourceResolution, files: dict[str, str], year: int = 2024) -> str | None:
    return source_digest(Listing.from_files(source, files), "BTC", year)


def test_the_digest_follows_the_versions_of_the_years_files_only() -> None:
    files = {yearly_key("BTC", 2023): "10-1", yearly_key("BTC", 2024): "20-2"}

    same = digest(YEARLY, dict(reversed(files.items())))
    other_year_rewritten = digest(YEARLY, {**files, yearly_key("BTC", 2023): "11-3"})
    rewritten = digest(YEARLY, {**files, yearly_key("BTC", 2024): "21-4"})

    assert digest(YEARLY, files) == same == other_year_rewritten
    assert rewritten != same
    assert digest(YEARLY, files, 2022) is None


def test_a_day_added_removed_or_rewritten_changes_the_daily_layouts_digest() -> None:
    days = {daily_key("BTC", date(2024, 3, d)): f"{d}-1" for d in (1, 2, 3)}
    before = digest(DAILY, days)

    added = digest(DAILY, {**days, daily_key("BTC", date(2024, 3, 4)): "4-1"})
    removed = digest(DAILY, {k: v for k, v in days.items() if "03-02" not in k})
    rewritten = digest(DAILY, {**days, daily_key("BTC", date(2024, 3, 1)): "1-2"})
    another_year = digest(DAILY, {**days, daily_key("BTC", date(2023, 12, 31)): "9-9"})

    assert len({before, added, removed, rewritten}) == 4
    assert another_year == before


def test_provenance_round_trips_through_metadata_and_knows_its_format() -> None:
    made = Provenance("1h", "abc")

    assert Provenance.from_metadata(made.metadata()) == made
    assert made.format == FORMAT
    assert Provenance.from_metadata({"rollup.level": "1h"}) is None
    assert Provenance.from_metadata({**made.metadata(), "rollup.format": "0"}) != made


def test_rollups_are_listed_by_level_symbol_and_year() -> None:
    hourly = rollup_key(YEARLY, "1h", "BTC", 2024)

    listed = rollup_files({hourly: "e1", "ohlcv/rollup/1Y/1h/elsewhere.parquet": "e2"})

    assert hourly == "ohlcv/rollup/1Y/1h/symbol=BTC/year=2024/BTC_2024.parquet"
    assert {slot: file.version for slot, file in listed.items()} == {("1h", "BTC", 2024): "e1"}
