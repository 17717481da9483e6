"""What a rollup was built from, recorded in its Parquet key-value metadata.

The source digest covers the sorted (key, version) pairs of the minute files of the symbol and
year, versions exactly as the root lists them (LocalRoot: size and mtime in ns; S3: the ETag):
one rule for a yearly file and for a year of daily files. Rewriting, adding or removing any
of them changes the digest, and the rollup no longer counts.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import duckdb

from adapters.outbound.market_data_storage.layout import Listing

FORMAT = "1"
_FORMAT_KEY, _LEVEL_KEY, _SOURCE_KEY = "rollup.format", "rollup.level", "rollup.source"
_KV_SQL = (
    "SELECT decode(key), decode(value) FROM parquet_kv_metadata(?) "
    "WHERE starts_with(decode(key), 'rollup.')"
)


@dataclass(frozen=True)
class Provenance:
    level: str
    source: str  # the digest of the minute files
    format: str = FORMAT

    def metadata(self) -> dict[str, str]:
        return {_FORMAT_KEY: self.format, _LEVEL_KEY: self.level, _SOURCE_KEY: self.source}

    @classmethod
    def from_metadata(cls, values: Mapping[str, str]) -> Provenance | None:
        """None unless the metadata names a level and a source."""
        level, source = values.get(_LEVEL_KEY), values.get(_SOURCE_KEY)
        if not level or not source:
            return None
        return cls(level, source, values.get(_FORMAT_KEY, ""))


def source_digest(listing: Listing, symbol: str, year: int) -> str | None:
    """The digest of the year's minute files in `listing`; None when it lists none."""
    known = listing.digests.get((symbol, year))
    if known is not None:
        return known
    keys = listing.keys_in_year(symbol, year)
    if not keys:
        return None
    text = "\n".join(f"{key}\t{listing.versions.get(key, '')}" for key in sorted(keys))
    digest = hashlib.sha256(text.encode()).hexdigest()
    listing.digests[(symbol, year)] = digest
    return digest


def read_provenance(url: str) -> Callable[[duckdb.DuckDBPyConnection], Provenance | None]:
    """A unit of work: the provenance in a Parquet file's footer, None if it records none."""

    def work(cursor: duckdb.DuckDBPyConnection) -> Provenance | None:
        rows = cursor.execute(_KV_SQL, [url]).fetchall()
        return Provenance.from_metadata({str(k): str(v) for k, v in rows})

    return work
