"""The canonical on-disk form of 1-minute bars, as an Arrow table."""

from __future__ import annotations

import io

import pyarrow as pa
import pyarrow.parquet as pq

SCHEMA = pa.schema(
    [
        ("timestamp", pa.timestamp("ms", tz="UTC")),
        ("open", pa.float64()),
        ("high", pa.float64()),
        ("low", pa.float64()),
        ("close", pa.float64()),
        ("volume", pa.float64()),
    ]
)
# One row group per ~month of minutes lets a one-month query skip the rest of the year.
ROW_GROUP_SIZE = 44_640


def to_parquet_bytes(table: pa.Table) -> bytes:
    """Deterministic bytes for the same rows: no creation timestamps, fixed writer settings."""
    sink = io.BytesIO()
    pq.write_table(
        table.cast(SCHEMA),
        sink,
        compression="zstd",
        row_group_size=ROW_GROUP_SIZE,
        write_statistics=True,
        use_dictionary=False,
        store_schema=False,
    )
    return sink.getvalue()
