"""Builds rollups from the minute files, for `ingest`, `sample-data` and `rollup`."""
