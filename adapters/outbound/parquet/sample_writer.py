"""Writes the sample data set into a sink, skipping files that are already there."""

from __future__ import annotations

from adapters.outbound.market_data_storage.bars_table import to_parquet_bytes
from adapters.outbound.market_data_storage.layout import yearly_key
from adapters.outbound.market_data_storage.sinks import Sink
from adapters.outbound.parquet.sample_data import sample_tables


async def write_sample_data(sink: Sink, *, overwrite: bool = False) -> list[str]:
    """Returns the keys written; the same bytes every run, so rewriting changes nothing."""
    written = []
    for symbol, year, table in sample_tables():
        key = yearly_key(symbol, year)
        if not overwrite and await sink.exists(key):
            continue
        await sink.write(key, to_parquet_bytes(table))
        written.append(key)
    return written
