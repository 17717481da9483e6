"""The market-data endpoints: parsing, encoding (JSON, CSV, Arrow) and response caching."""
