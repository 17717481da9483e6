"""A CandleStore under test, whatever holds it: the twin, a folder or an S3 bucket (moto).

Every harness takes bars the same way (`put` writes the yearly layout, `put_daily` the legacy
daily one); the file-backed ones also take raw bytes under any key, to plant bad files.
"""

from __future__ import annotations

import asyncio
import io
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, date, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from adapters.outbound.duckdb.candle_store import DuckDbCandleStore
from adapters.outbound.duckdb.engine import DuckDbEngine
from adapters.outbound.market_data_storage.layout import daily_key, yearly_key
from adapters.outbound.market_data_storage.roots import LocalRoot, Root, S3Root, S3Settings
from adapters.outbound.memory.candle_store import InMemoryCandleStore
from core.domain.candles import CandleQuery, SourceResolution
from core.domain.timeframe import Timeframe
from core.domain.values import Symbol
from core.ports.candle_store import CandleStore
from tests.support.marketdata import Bar, table

KINDS = ("memory", "local", "s3")
FILE_KINDS = ("local", "s3")


def at(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)  # type: ignore[misc]


def query(
    symbol: str,
    start: datetime,
    end: datetime,
    tf: str = "1h",
    source: SourceResolution = SourceResolution.YEARLY,
    limit: int | None = None,
) -> CandleQuery:
    return CandleQuery(Symbol(symbol), start, end, Timeframe.parse(tf), source, limit)


def parquet(data: pa.Table) -> bytes:
    sink = io.BytesIO()
    pq.write_table(data, sink)
    return sink.getvalue()


def grouped(rows: list[Bar], period: str) -> dict[int | date, list[Bar]]:
    """Bars by UTC year or by UTC day."""
    out: dict[int | date, list[Bar]] = {}
    for bar in rows:
        moment = datetime.fromtimestamp(bar[0] / 1000, UTC)
        out.setdefault(moment.year if period == "year" else moment.date(), []).append(bar)
    return out


class Harness:
    """A store and the means to fill it; `raw` is None for the in-memory twin (no files)."""

    def __init__(self, kind: str, store: CandleStore, files: Files | None) -> None:
        self.kind = kind
        self.store = store
        self.raw = files

    @property
    def files(self) -> Files:
        assert self.raw is not None, "the in-memory twin holds no files"
        return self.raw

    async def put(self, symbol: str, rows: list[Bar]) -> None:
        if self.raw is None:
            self._memory().add(symbol, rows)
            return
        for year, chunk in grouped(rows, "year").items():
            await self.raw.write(yearly_key(symbol, int(year)), parquet(table(chunk)))

    async def put_daily(self, symbol: str, rows: list[Bar]) -> None:
        if self.raw is None:
            self._memory().add(symbol, rows)
            return
        for day, chunk in grouped(rows, "day").items():
            assert isinstance(day, date)
            await self.raw.write(daily_key(symbol, day), parquet(table(chunk)))

    def _memory(self) -> InMemoryCandleStore:
        assert isinstance(self.store, InMemoryCandleStore)
        return self.store


class Files:
    """Raw access to a root's files, past the store: to plant, rewrite or remove them."""

    def __init__(self, root: Root, engine: DuckDbEngine) -> None:
        self.root = root
        self.engine = engine

    def store(self, listing_ttl_seconds: float = 0) -> DuckDbCandleStore:
        return DuckDbCandleStore(self.root, self.engine, listing_ttl_seconds)

    async def write(self, key: str, data: bytes) -> None:
        if isinstance(self.root, LocalRoot):
            target = self.root.path / key
            target.parent.mkdir(parents=True, exist_ok=True)
            await asyncio.to_thread(target.write_bytes, data)
        else:
            client = await self.root.client()
            await client.put_object(Bucket=self.root.settings.bucket, Key=key, Body=data)

    async def remove(self, key: str) -> None:
        if isinstance(self.root, LocalRoot):
            (self.root.path / key).unlink()
        else:
            client = await self.root.client()
            await client.delete_object(Bucket=self.root.settings.bucket, Key=key)


@asynccontextmanager
async def harness(kind: str, folder: Path, s3: S3Settings | None = None) -> AsyncIterator[Harness]:
    """A harness of `kind`; an S3 one gets a fresh bucket on the `s3` endpoint."""
    if kind == "memory":
        yield Harness(kind, InMemoryCandleStore(), None)
        return
    root: Root
    if kind == "local":
        root = LocalRoot(folder)
    else:
        assert s3 is not None, "an S3 harness needs a moto endpoint"
        root = S3Root(S3Settings(s3.endpoint, "testing", "testing", bucket=new_bucket()))
        client = await root.client()
        await client.create_bucket(Bucket=root.settings.bucket)
    engine = DuckDbEngine(workers=2)
    files = Files(root, engine)
    try:
        yield Harness(kind, files.store(), files)
    finally:
        await root.close()
        await engine.close()


def new_bucket() -> str:
    return f"candles-{uuid.uuid4().hex[:16]}"
