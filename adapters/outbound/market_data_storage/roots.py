"""The two roots one store can read: a local folder or an S3/MinIO bucket (path-style).

Each root lists files as key -> version (size and mtime of a file, ETag of an object), so the
store can tell a rewritten file from the one it inspected before. `unreadable` says why the
folder or bucket cannot be read now (health.MarketDataHealthProbe reports it); it never raises.

Errors name files by their key and failures by their kind: answers and probe details never
carry the folder's path, the endpoint or the bucket (the logs do, for operators).
"""

from __future__ import annotations

import asyncio
import logging
import os
from pathlib import Path
from typing import Any

from adapters.outbound.market_data_storage.failures import kind, reason
from adapters.outbound.market_data_storage.rewrites import RewriteWatch
from adapters.outbound.market_data_storage.s3_settings import S3Settings
from core.domain.errors import Unavailable

log = logging.getLogger("backtest.market_data")


class LocalRoot:
    """A folder with the bucket's layout under it (the embedded default)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def describe(self) -> str:
        return f"folder {self.path}"

    def url(self, key: str) -> str:
        return str(self.path / key)

    def redact(self, text: str) -> str:
        """`text` with the folder's own path taken out: files keep only their key."""
        return text.replace(f"{self.path}{os.sep}", "").replace(str(self.path), "<market data>")

    async def keys(self, prefix: str) -> list[str]:
        return list(await self.files(prefix))

    async def files(self, prefix: str) -> dict[str, str]:
        """Every .parquet file under `prefix`, as key -> version; none when it is absent."""
        return await asyncio.to_thread(self._scan, prefix.rstrip("/"))

    def _scan(self, folder: str) -> dict[str, str]:
        found: dict[str, str] = {}
        try:
            entries = list(os.scandir(self.path / folder))
        except (FileNotFoundError, NotADirectoryError):
            return found
        except OSError as error:
            log.warning("market-data folder unreadable", extra={"error": str(error)})
            raise Unavailable(f"market-data folder unreadable ({kind(error)})") from None
        for entry in entries:
            key = f"{folder}/{entry.name}"
            if entry.is_dir():
                found.update(self._scan(key))
            elif entry.name.endswith(".parquet"):
                stat = entry.stat()
                found[key] = f"{stat.st_size}-{stat.st_mtime_ns}"
        return found

    async def unreadable(self) -> str | None:
        """None when the folder can be listed and read; why not otherwise (no path in it)."""
        try:
            ok = self.path.is_dir() and os.access(self.path, os.R_OK | os.X_OK)
        except OSError:
            ok = False
        return None if ok else "folder missing or unreadable"

    async def close(self) -> None:
        return None


class S3Root:
    """A bucket read by DuckDB's httpfs and listed with aiobotocore; `rewrites` tells when an
    object whose URL was handed out shows another ETag in a listing."""

    def __init__(
        self,
        settings: S3Settings,
        timeout_seconds: float | None = None,
        attempts: int | None = None,
    ) -> None:
        self.settings = settings
        self._timeout = settings.timeout_seconds if timeout_seconds is None else timeout_seconds
        self._attempts = settings.attempts if attempts is None else attempts
        self._client: Any = None
        self._client_context: Any = None
        self._lock = asyncio.Lock()
        self.rewrites = RewriteWatch()

    def describe(self) -> str:
        return f"bucket {self.settings.bucket} at {self.settings.endpoint}"

    def url(self, key: str) -> str:
        self.rewrites.handed(key)
        return f"s3://{self.settings.bucket}/{key}"

    def redact(self, text: str) -> str:
        """`text` without the endpoint and the bucket: files keep only their key."""
        bucket, endpoint = self.settings.bucket, self.settings.endpoint
        for known in (f"s3://{bucket}/", f"{self.settings.endpoint_url}/{bucket}/", f"/{bucket}/"):
            text = text.replace(known, "")
        return text.replace(self.settings.endpoint_url, "<storage>").replace(endpoint, "<storage>")

    async def client(self) -> Any:
        async with self._lock:
            if self._client is None:
                from aiobotocore.config import AioConfig
                from aiobotocore.session import get_session

                config = AioConfig(
                    s3={"addressing_style": "path"},
                    connect_timeout=self._timeout,
                    read_timeout=self._timeout,
                    retries={"max_attempts": self._attempts, "mode": "standard"},
                )
                context = get_session().create_client(
                    "s3",
                    endpoint_url=self.settings.endpoint_url,
                    aws_access_key_id=self.settings.access_key,
                    aws_secret_access_key=self.settings.secret_key,
                    region_name=self.settings.region,
                    config=config,
                )
                self._client = await context.__aenter__()
                self._client_context = context
        return self._client

    async def keys(self, prefix: str) -> list[str]:
        return list(await self.files(prefix))

    async def files(self, prefix: str) -> dict[str, str]:
        """Every object under `prefix` as key -> ETag: one flat, paginated listing.

        A flat listing costs one request per 1,000 keys; walking symbol= and year= prefixes with
        a delimiter would cost one request per symbol on top, for the same keys.
        """
        found: dict[str, str] = {}
        try:
            client = await self.client()
            paginator = client.get_paginator("list_objects_v2")
            async for page in paginator.paginate(Bucket=self.settings.bucket, Prefix=prefix):
                for item in page.get("Contents", []):
                    found[item["Key"]] = str(item.get("ETag", "")) or str(item.get("Size", ""))
        except Exception as error:
            log.warning("market-data listing failed", extra={"error": reason(error)})
            raise Unavailable(f"market-data storage unreachable ({kind(error)})") from None
        self.rewrites.listed(prefix, found)
        return found

    async def unreadable(self) -> str | None:
        """None when the bucket answers; the kind of failure otherwise (no address in it)."""
        try:
            # Retries could otherwise hold a health request for several timeouts.
            async with asyncio.timeout(self._timeout):
                client = await self.client()
                await client.head_bucket(Bucket=self.settings.bucket)
        except Exception as error:
            log.warning("market-data storage check failed", extra={"error": reason(error)})
            return kind(error)
        return None

    async def close(self) -> None:
        if self._client_context is not None:
            context, self._client, self._client_context = self._client_context, None, None
            await context.__aexit__(None, None, None)


Root = LocalRoot | S3Root
__all__ = ["LocalRoot", "Root", "S3Root", "S3Settings"]
