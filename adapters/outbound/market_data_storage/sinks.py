"""Where yearly files and rollups are written: a local folder (atomically) or an S3/MinIO bucket.

Each sink tells the root that lists and reads what it wrote.
"""

from __future__ import annotations

import asyncio
import os
import tempfile
from pathlib import Path

from adapters.outbound.market_data_storage.roots import LocalRoot, S3Root


class LocalSink:
    def __init__(self, path: Path) -> None:
        self.path = path

    @property
    def root(self) -> LocalRoot:
        return LocalRoot(self.path)

    async def exists(self, key: str) -> bool:
        return (self.path / key).is_file()

    async def read(self, key: str) -> bytes | None:
        target = self.path / key
        return await asyncio.to_thread(target.read_bytes) if target.is_file() else None

    async def write(self, key: str, data: bytes) -> None:
        await asyncio.to_thread(self._write, self.path / key, data)

    @staticmethod
    def _write(target: Path, data: bytes) -> None:
        # Write beside the target and rename: a reader never sees half a file.
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as file:
                file.write(data)
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    async def is_empty(self) -> bool:
        return not any((self.path / "ohlcv").glob("*/symbol=*/*/*.parquet"))


class S3Sink:
    """Uploads with the same aiobotocore client the S3 root lists with."""

    def __init__(self, root: S3Root) -> None:
        self.root = root

    async def exists(self, key: str) -> bool:
        client = await self.root.client()
        try:
            await client.head_object(Bucket=self.root.settings.bucket, Key=key)
        except client.exceptions.ClientError:
            return False
        return True

    async def read(self, key: str) -> bytes | None:
        client = await self.root.client()
        try:
            response = await client.get_object(Bucket=self.root.settings.bucket, Key=key)
        except client.exceptions.NoSuchKey:
            return None
        async with response["Body"] as body:
            return await body.read()

    async def write(self, key: str, data: bytes) -> None:
        client = await self.root.client()
        await client.put_object(Bucket=self.root.settings.bucket, Key=key, Body=data)

    async def is_empty(self) -> bool:
        return not await self.root.keys("ohlcv/")


Sink = LocalSink | S3Sink
