"""Files to ingest and what ingesting them stored, for the ingest tests."""

from __future__ import annotations

import gzip
from datetime import UTC, datetime
from pathlib import Path

import pyarrow.parquet as pq

from adapters.outbound.market_data_storage.layout import yearly_key

PLAIN = """timestamp,open,high,low,close,volume
2023-01-01T00:00:00Z,10,11,9,10.5,3
2023-01-01 00:01:00+00:00,10.5,12,10,11,4
2023-01-01 00:02:00,11,11.5,10.8,11.2,0
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    if name.endswith(".gz"):
        path.write_bytes(gzip.compress(text.encode()))
    else:
        path.write_text(text)
    return path


def utc(*args: int) -> int:
    return int(datetime(*args, tzinfo=UTC).timestamp() * 1000)  # type: ignore[misc]


def stored(sink_dir: Path, symbol: str, year: int) -> list[dict[str, object]]:
    return pq.read_table(sink_dir / yearly_key(symbol, year)).to_pylist()
