"""The `http` contender of bench/engine.py: the whole path, POST /run to completed, trades stored.

The real application (`python -m bootstrap serve`, a process of its own, as bench/ohlcv.py
runs it) on 127.0.0.1 over the real Postgres adapters (a scratch database on the server of
DATABASE_URL, else TEST_DATABASE_URL, else the local test server; migrated, dropped at the
end), its in-process pgqueuer worker (RUN_WORKERS=1, the default) and a DuckDB store over a
temporary folder holding the bench's bars as yearly Parquet files, with the rollups
`python -m bootstrap rollup` builds beside them (as `ingest` would have). The client runs on an
event loop in a background thread of the bench; a round, timed by the caller, is a request
to run and GETs of the backtest with `Prefer: wait=30` until it is completed: each answers
when the status moves (queued, running, completed), as a client that waits rather than
polls would. Earlier runs of this bench polled every 2 ms, then every 10 ms: the polls took
a share of the two cores from the run, then added up to a poll interval to each round. The
server had shared the bench's process, and its event loop took the GIL from the contenders
timed after it.
The `http-get` round is one GET of the same backtest: the cost of the cheapest
authenticated request, of which a run through HTTP makes at least two.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
import threading
import uuid
from collections.abc import Callable, Coroutine, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit, urlunsplit

import aiohttp
import pandas as pd
import psycopg
import pyarrow as pa

from adapters.outbound.market_data_storage.bars_table import to_parquet_bytes
from adapters.outbound.market_data_storage.layout import yearly_key
from adapters.outbound.postgres.migrations import apply_migrations
from bench.ohlcv_server import serving
from bench.ohlcv_store import app_env, build_rollups
from bootstrap.settings import REPO_ROOT

LOCAL_TEST_SERVER = "postgresql://postgres@127.0.0.1:5432/test"
WAIT = {"Prefer": "wait=30"}
T = TypeVar("T")
Round = Callable[[], object]


@contextmanager
def scratch_database() -> Iterator[str | None]:
    """A fresh database of the bench's own, migrated; None (with the reason printed) if no
    server answers."""
    server = (
        os.environ.get("DATABASE_URL") or os.environ.get("TEST_DATABASE_URL") or LOCAL_TEST_SERVER
    )
    name = f"bench_engine_{uuid.uuid4().hex[:12]}"
    try:
        with psycopg.connect(server, autocommit=True, connect_timeout=5) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
    except psycopg.Error as error:
        reason = " ".join(str(error).split())
        print(f"skipped http: no database at {server} ({reason})", file=sys.stderr)
        yield None
        return
    try:
        url = urlunsplit(urlsplit(server)._replace(path=f"/{name}"))
        apply_migrations(url, REPO_ROOT / "migrations")
        yield url
    finally:
        with psycopg.connect(server, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def write_years(market_data: Path, symbol: str, frame: pd.DataFrame) -> None:
    """The frame's bars as the yearly files a store reads (timestamps taken as UTC)."""
    stamps = frame.index.tz_localize("UTC").as_unit("ms")
    for year in sorted(set(stamps.year)):
        rows = stamps.year == year
        table = pa.table(
            {"timestamp": stamps[rows]}
            | {name.lower(): frame[name].to_numpy()[rows] for name in frame.columns}
        )
        target = market_data / yearly_key(symbol, year)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(to_parquet_bytes(table))


class HttpPath:
    """A client of the served application; `prepare` makes one case's timed round."""

    def __init__(self, loop: asyncio.AbstractEventLoop, session: aiohttp.ClientSession,
                 base: str, headers: dict[str, str]) -> None:  # fmt: skip
        self._loop, self._session, self._base, self._headers = loop, session, base, headers

    def call(self, work: Coroutine[Any, Any, T]) -> T:
        return asyncio.run_coroutine_threadsafe(work, self._loop).result()

    async def _json(self, method: str, path: str, expect: int, body: Any = None,
                    headers: dict[str, str] | None = None) -> Any:  # fmt: skip
        async with self._session.request(
            method, self._base + path, json=body, headers={**self._headers, **(headers or {})}
        ) as response:
            answer = await response.json()
            if response.status != expect:
                raise RuntimeError(f"{method} {path}: {response.status} {answer}")
            return answer

    async def _run(self, backtest_id: str) -> None:
        await self._json("POST", f"/api/v1/backtests/{backtest_id}/run", 202)
        while True:
            backtest = await self._json("GET", f"/api/v1/backtests/{backtest_id}", 200, None, WAIT)
            if backtest["status"] == "completed":
                return
            if backtest["status"] in ("failed", "cancelled"):
                raise RuntimeError(f"run {backtest['status']}: {backtest['error']}")

    async def _stored_trades(self, backtest_id: str) -> int:
        """Closed engine trades in the trades table, read back page by page."""
        first = f"/api/v1/trades/backtest/{backtest_id}?limit=500"
        path: str | None = first
        closed = 0
        while path:
            page = await self._json("GET", path, 200)
            closed += sum(1 for t in page["items"] if t["exit_time"] and t["source"] == "engine")
            path = f"{first}&cursor={page['next_cursor']}" if page["next_cursor"] else None
        return closed

    async def _create(self, symbol: str, frame: pd.DataFrame, timeframe: str, fast: int,
                      slow: int, commission: float) -> str:  # fmt: skip
        strategy = await self._json("POST", "/api/v1/strategies", 201, {
            "name": f"SMA {fast}/{slow}", "kind": "sma_crossover",
            "parameters": {"fast": fast, "slow": slow, "short": 1},
        })  # fmt: skip
        backtest = await self._json("POST", "/api/v1/backtests", 201, {
            "name": f"{symbol} {timeframe}", "strategy_id": strategy["id"], "symbol": symbol,
            "start_date": frame.index[0].date().isoformat(),
            "end_date": frame.index[-1].date().isoformat(), "timeframe": timeframe,
            "initial_capital": 10_000,
            "execution": {"commission": commission, "allow_short": True},
        })  # fmt: skip
        return str(backtest["id"])

    def prepare(self, symbol: str, frame: pd.DataFrame, timeframe: str, fast: int, slow: int,
                commission: float) -> tuple[Round, Round, int]:  # fmt: skip
        """One untimed run first; returns the run's round, the GET's round and the closed
        trades the run stored."""
        backtest_id = self.call(self._create(symbol, frame, timeframe, fast, slow, commission))
        self.call(self._run(backtest_id))
        path = f"/api/v1/backtests/{backtest_id}"
        return (
            lambda: self.call(self._run(backtest_id)),
            lambda: self.call(self._json("GET", path, 200)),
            self.call(self._stored_trades(backtest_id)),
        )


@contextmanager
def background_loop() -> Iterator[asyncio.AbstractEventLoop]:
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    try:
        yield loop
    finally:
        loop.call_soon_threadsafe(loop.stop)
        thread.join()
        loop.close()


@contextmanager
def served(frames: dict[str, pd.DataFrame]) -> Iterator[HttpPath | None]:
    """The application serving `frames` (symbol -> bars) until the block ends."""
    with scratch_database() as database_url:
        if database_url is None:
            yield None
            return
        with tempfile.TemporaryDirectory(prefix="bench-engine-") as data, background_loop() as loop:
            market_data = Path(data) / "marketdata"
            for symbol, frame in frames.items():
                write_years(market_data, symbol, frame)
            env = app_env(Path(data), {"DATABASE_URL": database_url, "RUN_WORKERS": "1"})
            print(build_rollups(env), file=sys.stderr)
            with serving("engine", env) as server:
                session = asyncio.run_coroutine_threadsafe(_session(), loop).result()
                try:
                    yield HttpPath(loop, session, server.base, server.headers)
                finally:
                    asyncio.run_coroutine_threadsafe(session.close(), loop).result()


async def _session() -> aiohttp.ClientSession:
    return aiohttp.ClientSession()
