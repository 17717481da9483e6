"""Writes 1-minute bars into the yearly Parquet layout: sample data and ingested files."""
