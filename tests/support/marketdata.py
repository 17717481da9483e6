"""Generated 1-minute bars and the stores that hold them, for the candle-store tests."""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

import pyarrow as pa

from adapters.outbound.market_data_storage.bars_table import SCHEMA
from adapters.outbound.market_data_storage.roots import S3Settings

Bar = tuple[int, float, float, float, float, float]
MINUTE = 60_000


def ms(*args: int) -> int:
    return int(datetime(*args, tzinfo=UTC).timestamp() * 1000)  # type: ignore[misc]


def bars(start_ms: int, count: int, seed: int = 1, gap_every: int = 0) -> list[Bar]:
    """A random walk of consistent bars; every `gap_every`-th minute is missing."""
    rng = random.Random(seed)
    price, out = 100.0, []
    for i in range(count):
        if gap_every and i % gap_every == gap_every - 1:
            continue
        close = round(price * (1 + rng.uniform(-0.01, 0.01)), 4)
        high = round(max(price, close) + rng.uniform(0, 0.5), 4)
        low = round(min(price, close) - rng.uniform(0, 0.5), 4)
        out.append((start_ms + i * MINUTE, price, high, low, close, float(rng.randint(0, 9))))
        price = close
    return out


def table(rows: list[Bar]) -> pa.Table:
    columns = list(zip(*rows, strict=True)) if rows else [[]] * 6
    times = pa.array(columns[0], pa.int64()).cast(pa.timestamp("ms", tz="UTC"))
    return pa.table([times, *[pa.array(c, pa.float64()) for c in columns[1:]]], schema=SCHEMA)


@contextmanager
def moto_s3(bucket: str | None = None) -> Iterator[S3Settings]:
    """A real S3 endpoint on 127.0.0.1 (moto's server in a thread) with an empty bucket.

    moto keeps its state per process, so each call gets a bucket of its own.
    """
    bucket = bucket or f"test-{uuid.uuid4().hex[:12]}"
    import boto3
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    settings = S3Settings(f"{host}:{port}", "testing", "testing", secure=False, bucket=bucket)
    client = boto3.client(
        "s3",
        endpoint_url=settings.endpoint_url,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        region_name="us-east-1",
    )
    client.create_bucket(Bucket=bucket)
    try:
        yield settings
    finally:
        server.stop()
