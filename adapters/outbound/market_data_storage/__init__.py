"""Where market data is stored, for the DuckDB reader and the Parquet writer alike.

The layout of the minute files and of the rollups, the minute files' schema, and the two
places they live: a local folder or an S3/MinIO bucket, listed and read through a root and
written through a sink (one aiobotocore client per bucket).
"""
