"""The smaller S3 case (--s3): the first symbol's last year on moto's S3 server, 1m -> 1h.

moto's server runs in a thread of the bench on 127.0.0.1: real HTTP and DuckDB's real httpfs,
but no network latency. The floor reads the object with DuckDB's httpfs; `http` asks a server
process whose MINIO_* settings point at the bucket (response cache off, as everywhere).
Rollups, if the application can build them, are built in the bucket by the same command.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import aiohttp
import duckdb

from adapters.outbound.duckdb.engine import httpfs_extension
from adapters.outbound.market_data_storage.layout import yearly_key
from adapters.outbound.market_data_storage.roots import S3Settings
from bench.ohlcv_cases import Case, floor_sql
from bench.ohlcv_contenders import Work, http
from bench.ohlcv_rounds import CaseResult, interleaved
from bench.ohlcv_server import serving
from bench.ohlcv_store import BenchStore, app_env, build_rollups


def s3_case(store: BenchStore) -> Case:
    year = store.years[-1]
    return Case("S3", "1y 1m->1h on S3 (moto)", store.symbols[0], date(year, 1, 1),
                date(year, 12, 31), "1h", "1h", ("json",))  # fmt: skip


@contextmanager
def bucket_with(store: BenchStore, case: Case) -> Iterator[S3Settings]:
    """A moto bucket holding the case's yearly file, uploaded from the local store."""
    import boto3

    from tests.support.marketdata import moto_s3

    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # moto's server logs every request
    with moto_s3() as settings:
        client = boto3.client(
            "s3",
            endpoint_url=settings.endpoint_url,
            aws_access_key_id=settings.access_key,
            aws_secret_access_key=settings.secret_key,
            region_name=settings.region,
        )
        key = yearly_key(case.symbol, case.start.year)
        client.put_object(
            Bucket=settings.bucket, Key=key, Body=(store.market_data_dir / key).read_bytes()
        )
        yield settings


def minio_env(settings: S3Settings) -> dict[str, str]:
    return {
        "MINIO_ENDPOINT": settings.endpoint,
        "MINIO_ACCESS_KEY": settings.access_key or "",
        "MINIO_SECRET_KEY": settings.secret_key or "",
        "MINIO_SECURE": "false",
        "MINIO_BUCKET": settings.bucket,
    }


def s3_floor(case: Case, settings: S3Settings) -> Work:
    db = duckdb.connect(
        config={"autoinstall_known_extensions": False, "autoload_known_extensions": False}
    )
    db.execute(f"LOAD '{httpfs_extension()}'")
    db.execute(
        f"CREATE SECRET (TYPE s3, KEY_ID '{settings.access_key}', SECRET '{settings.secret_key}', "
        f"ENDPOINT '{settings.endpoint}', URL_STYLE 'path', USE_SSL false, "
        f"REGION '{settings.region}')"
    )
    url = f"s3://{settings.bucket}/{yearly_key(case.symbol, case.start.year)}"
    sql = floor_sql(case, [url])

    async def run() -> int:
        return db.execute(sql, [case.first, case.stop]).to_arrow_table().num_rows

    return run


async def run_s3(store: BenchStore, database_url: str, repeat: int) -> tuple[CaseResult, str]:
    """The case's interleaved rounds, and what the rollup command did in the bucket."""
    case = s3_case(store)
    with bucket_with(store, case) as settings:
        env = app_env(Path(store.data_dir), {"DATABASE_URL": database_url} | minio_env(settings))
        rollups = build_rollups(env)
        with serving("s3-uncached", env | {"OHLCV_CACHE_BYTES": "0"}) as served:
            async with aiohttp.ClientSession() as session:
                work: dict[str, Work] = {
                    "floor": s3_floor(case, settings),
                    "http": http(case, session, served, "json"),
                    "http-identity": http(case, session, served, "json", identity=True),
                }
                return await interleaved(case, work, repeat), rollups
