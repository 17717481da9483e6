"""DuckDB work run on the engine, its errors told as the port's errors."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import duckdb
import pyarrow as pa

from adapters.outbound.duckdb.engine import DuckDbEngine
from adapters.outbound.duckdb.failures import read_failed
from core.domain.errors import BadMarketData

_STORAGE_ERRORS = (duckdb.IOException, duckdb.HTTPException)
_DATA_ERRORS = (duckdb.InvalidInputException, duckdb.ConversionException, duckdb.BinderException)
_NOT_PARQUET = ("no magic bytes", "not a parquet file", "too small to be a parquet file")

Work = Callable[[duckdb.DuckDBPyConnection], Any]


async def run(engine: DuckDbEngine, work: Work) -> Any:
    """Unavailable when storage fails, BadMarketData when a file does not fit."""
    try:
        return await engine.run(work)
    except _STORAGE_ERRORS as error:
        message = first_line(error)
        if any(marker in message.lower() for marker in _NOT_PARQUET):
            raise BadMarketData(message) from None
        raise read_failed(message) from None
    except _DATA_ERRORS as error:
        raise BadMarketData(first_line(error)[:300]) from None


def fetch(sql: str, params: list[Any]) -> Callable[[duckdb.DuckDBPyConnection], pa.Table]:
    return lambda cursor: cursor.execute(sql, params).to_arrow_table()


def first_line(error: BaseException) -> str:
    return str(error).splitlines()[0] if str(error) else type(error).__name__
