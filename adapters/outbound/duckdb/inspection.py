"""Each stored file's columns and first and last bar times, kept per version of the file.

A file rewritten since (another size and mtime, another ETag) is inspected again.
"""

from __future__ import annotations

from adapters.outbound.duckdb.bounds import Bounds, read_bounds
from adapters.outbound.duckdb.engine import DuckDbEngine
from adapters.outbound.duckdb.running import run
from adapters.outbound.duckdb.schema import FileSchema, column_stats, describe, file_schema
from adapters.outbound.market_data_storage.roots import Root
from core.domain.errors import BadMarketData

Signature = tuple[str, ...]  # "name TYPE" of each column: files alike are read in one scan


class FileInspector:
    def __init__(self, root: Root, engine: DuckDbEngine) -> None:
        self._root = root
        self._engine = engine
        self._schemas: dict[str, tuple[str, FileSchema, Signature]] = {}
        self._bounds: dict[str, tuple[str, Bounds | None]] = {}

    async def schema(self, key: str, version: str) -> tuple[FileSchema, Signature]:
        """How to read the file; BadMarketData naming it when it does not fit."""
        url = self._root.url(key)
        cached = self._schemas.get(url)
        if cached is not None and cached[0] == version:
            return cached[1], cached[2]
        try:
            described, stats = await run(self._engine, describe(url))
        except BadMarketData as error:
            raise BadMarketData(f"{url}: not a readable Parquet file ({error.detail})") from None
        columns = {str(row[0]): str(row[1]) for row in described}
        schema = file_schema(url, columns, column_stats(stats))
        signature = tuple(f"{name} {kind}" for name, kind in columns.items())
        self._schemas[url] = (version, schema, signature)
        return schema, signature

    async def bounds(self, key: str, version: str) -> Bounds | None:
        """The file's first and last bar times; None for a file that holds none or does not fit."""
        url = self._root.url(key)
        cached = self._bounds.get(url)
        if cached is not None and cached[0] == version:
            return cached[1]
        try:
            schema, _ = await self.schema(key, version)
            found: Bounds | None = await run(self._engine, read_bounds(schema))
        except BadMarketData:
            return None  # reading its candles names the file and the problem
        self._bounds[url] = (version, found)
        return found
