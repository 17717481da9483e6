"""The DuckDB candle store: Parquet read in place from a local folder or an S3/MinIO bucket."""
