"""PostgresBacktestResultRepository: one result per backtest, its series packed (see series)."""

from __future__ import annotations

import asyncio
from uuid import UUID

import asyncpg

from adapters.outbound.postgres.errors import refusals
from adapters.outbound.postgres.series import pack_series, unpack_series
from core.domain.backtest_result import BacktestResult
from core.domain.errors import BacktestNotFound

_COLUMNS = (
    "owner_id, backtest_id, run_id, statistics, times, equity, created_at, engine, settings, "
    "fingerprint"
)
# Written only for a backtest of the same owner; a later run's result replaces the earlier.
_UPSERT = f"""
    INSERT INTO backtest_results ({_COLUMNS})
    SELECT $1::uuid, $2::uuid, $3::uuid, $4::jsonb, $5::bytea, $6::bytea, $7::timestamptz,
           $8::text, $9::jsonb, $10::jsonb
    FROM backtests WHERE id = $2 AND owner_id = $1
    ON CONFLICT (backtest_id) DO UPDATE SET run_id = EXCLUDED.run_id,
        statistics = EXCLUDED.statistics, times = EXCLUDED.times, equity = EXCLUDED.equity,
        created_at = EXCLUDED.created_at, engine = EXCLUDED.engine,
        settings = EXCLUDED.settings, fingerprint = EXCLUDED.fingerprint
"""


class PostgresBacktestResultRepository:
    def __init__(self, connection: asyncpg.Connection) -> None:
        self._db = connection

    async def put(self, result: BacktestResult) -> None:
        """Raises NotFound when the owner has no such backtest."""
        with refusals(duplicate=f"a result for backtest {result.backtest_id} already exists"):
            # Packing a year of bars takes a tenth of a second; zlib lets other tasks run.
            times, equity = await asyncio.to_thread(pack_series, result.times, result.equity)
            status = await self._db.execute(
                _UPSERT,
                result.owner_id,
                result.backtest_id,
                result.run_id,
                result.statistics,
                times,
                equity,
                result.created_at,
                result.engine,
                result.settings,
                result.fingerprint,
            )
        if status == "INSERT 0 0":
            raise BacktestNotFound(result.backtest_id)

    async def get(self, owner_id: UUID, backtest_id: UUID) -> BacktestResult | None:
        row = await self._db.fetchrow(
            f"SELECT {_COLUMNS} FROM backtest_results WHERE backtest_id = $1 AND owner_id = $2",
            backtest_id,
            owner_id,
        )
        if row is None:
            return None
        times, equity = await asyncio.to_thread(unpack_series, row["times"], row["equity"])
        return BacktestResult(**{**dict(row), "times": times, "equity": equity})

    async def delete(self, owner_id: UUID, backtest_id: UUID) -> None:
        await self._db.execute(
            "DELETE FROM backtest_results WHERE backtest_id = $1 AND owner_id = $2",
            backtest_id,
            owner_id,
        )
