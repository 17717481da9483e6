"""CSV files of 1-minute bars into the yearly Parquet layout: parse, validate, merge, write."""
