"""The two roots one store can read: a local folder or an S3/MinIO bucket (path-style)."""

from __future__ import annotations

import asyncio
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from core.domain.errors import Unavailable
from core.ports.health import ProbeResult

HEALTH_NAME = "market_data"


@dataclass(frozen=True)
class S3Settings:
    """Mirrors MINIO_ENDPOINT, MINIO_ACCESS_KEY, MINIO_SECRET_KEY, MINIO_SECURE, MINIO_BUCKET."""

    endpoint: str
    access_key: str | None
    secret_key: str | None = field(repr=False)
    secure: bool = False
    bucket: str = "dukascopy-node"
    region: str = "us-east-1"

    @property
    def endpoint_url(self) -> str:
        return f"{'https' if self.secure else 'http'}://{self.endpoint}"


class LocalRoot:
    """A folder with the bucket's layout under it (the embedded default)."""

    name = HEALTH_NAME

    def __init__(self, path: Path) -> None:
        self.path = path

    def describe(self) -> str:
        return f"folder {self.path}"

    def url(self, key: str) -> str:
        return str(self.path / key)

    async def keys(self, prefix: str) -> list[str]:
        return await asyncio.to_thread(self._walk, prefix)

    def _walk(self, prefix: str) -> list[str]:
        base = self.path / prefix
        if not base.is_dir():
            return []
        found = []
        for folder, _, names in os.walk(base):
            relative = Path(folder).relative_to(self.path).as_posix()
            found += [f"{relative}/{name}" for name in names if name.endswith(".parquet")]
        return found

    async def check(self) -> ProbeResult:
        started = time.perf_counter()
        ok = self.path.is_dir()
        elapsed = (time.perf_counter() - started) * 1000
        return ProbeResult(HEALTH_NAME, ok, elapsed, None if ok else f"no folder {self.path}")

    async def close(self) -> None:
        return None


class S3Root:
    """A bucket read by DuckDB's httpfs and listed with aiobotocore."""

    name = HEALTH_NAME

    def __init__(self, settings: S3Settings, timeout_seconds: float = 5.0) -> None:
        self.settings = settings
        self._timeout = timeout_seconds
        self._client: Any = None
        self._client_context: Any = None
        self._lock = asyncio.Lock()

    def describe(self) -> str:
        return f"bucket {self.settings.bucket} at {self.settings.endpoint}"

    def url(self, key: str) -> str:
        return f"s3://{self.settings.bucket}/{key}"

    async def client(self) -> Any:
        async with self._lock:
            if self._client is None:
                from aiobotocore.config import AioConfig
                from aiobotocore.session import get_session

                config = AioConfig(
                    s3={"addressing_style": "path"},
                    connect_timeout=self._timeout,
                    read_timeout=self._timeout,
                    retries={"max_attempts": 2, "mode": "standard"},
                )
                self._client_context = get_session().create_client(
                    "s3",
                    endpoint_url=self.settings.endpoint_url,
                    aws_access_key_id=self.settings.access_key,
                    aws_secret_access_key=self.settings.secret_key,
                    region_name=self.settings.region,
                    config=config,
                )
                self._client = await self._client_context.__aenter__()
        return self._client

    async def keys(self, prefix: str) -> list[str]:
        client = await self.client()
        found: list[str] = []
        try:
            paginator = client.get_paginator("list_objects_v2")
            async for page in paginator.paginate(Bucket=self.settings.bucket, Prefix=prefix):
                found += [item["Key"] for item in page.get("Contents", [])]
        except Exception as error:
            raise Unavailable(f"market-data storage unreachable: {_reason(error)}") from None
        return found

    async def check(self) -> ProbeResult:
        started = time.perf_counter()
        try:
            client = await self.client()
            await client.head_bucket(Bucket=self.settings.bucket)
        except Exception as error:
            elapsed = (time.perf_counter() - started) * 1000
            return ProbeResult(HEALTH_NAME, False, elapsed, _reason(error))
        return ProbeResult(HEALTH_NAME, True, (time.perf_counter() - started) * 1000)

    async def close(self) -> None:
        if self._client_context is not None:
            await self._client_context.__aexit__(None, None, None)
            self._client = self._client_context = None


def _reason(error: BaseException) -> str:
    text = str(error).splitlines()[0] if str(error) else type(error).__name__
    return text[:200]


Root = LocalRoot | S3Root
