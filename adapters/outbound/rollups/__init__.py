"""Builds rollups from the minute files, for `ingest`, `sample-data` and `rollup`.

A rollup is aggregated by the DuckDB reader's own query (adapters/outbound/duckdb), so that it
answers exactly as the minutes would, and written as Parquet through a market_data_storage
sink; the reader serves it from there (duckdb/rollups).
"""
