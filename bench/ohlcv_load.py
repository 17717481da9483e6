"""Concurrent clients asking for whole-store 1m -> 1h aggregations, and the server meanwhile.

Each client has its own connection and asks, one request after the other until the time is
up, in one answer format (JSON rows by default; JSON columns or Arrow IPC with
--load-formats), for a symbol and a start day that change every request (round the store's
symbols and the first 28 days of its first year, to its last day): no two requests in a row
are alike, and the server runs with its response cache off. Clients send aiohttp's default
Accept-Encoding and read the bodies but do not decode them, to leave the machine's cores
to the server; answered 503, they wait Retry-After (at most 5 s) before the next.
A separate process samples /api/v1/health/ every ~20 ms all along (bench/ohlcv_health.py);
the server's peak RSS is its VmHWM, reset at the start of each level.
"""

from __future__ import annotations

import asyncio
import json
import statistics
import sys
import time
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

import aiohttp

from bench.ohlcv_server import Served
from bench.ohlcv_store import ROOT, BenchStore


def percentile(values: list[float], share: float) -> float | None:
    """The nearest-rank percentile (share in 0..1); None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


# The answer formats a load can ask for, as query parameters.
FORMATS: dict[str, dict[str, str]] = {
    "rows": {},
    "columns": {"layout": "columns"},
    "arrow": {"format": "arrow"},
}


@dataclass(frozen=True)
class LoadResult:
    clients: int
    seconds: float  # from the first request to the last answer
    latencies: list[float]  # ms, answers 200
    refused: dict[int, int]  # status -> count, answers other than 200
    errors: int  # no answer at all
    health: list[float]  # ms
    health_failures: int
    peak_rss_mb: float | None
    answers: str = "rows"  # a key of FORMATS

    @property
    def per_second(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0

    @property
    def median(self) -> float | None:
        return statistics.median(self.latencies) if self.latencies else None


async def _client(
    session: aiohttp.ClientSession,
    served: Served,
    store: BenchStore,
    index: int,
    deadline: float,
    latencies: list[float],
    refused: Counter[int],
    answers: str,
) -> int:
    first, last = store.years[0], store.years[-1]
    url, errors, n = served.base + "/api/v1/ohlcv/data", 0, 0
    while time.perf_counter() < deadline:
        start = date(first, 1, 1) + timedelta(days=(index * 5 + n) % 28)
        params = {
            "symbol": store.symbols[(index + n) % len(store.symbols)],
            "timeframe": "1h",
            "start_date": start.isoformat(),
            "end_date": date(last, 12, 31).isoformat(),
        } | FORMATS[answers]
        n += 1
        started = time.perf_counter()
        try:
            async with session.get(url, params=params, headers=served.headers) as response:
                await response.read()
                status, retry_after = response.status, response.headers.get("Retry-After")
        except (aiohttp.ClientError, TimeoutError):
            errors += 1
            continue
        if status == 200:
            latencies.append((time.perf_counter() - started) * 1000)
            continue
        refused[status] += 1
        # A polite client waits as told (at most 5 s) instead of hammering a full server.
        if retry_after and retry_after.isdigit():
            await asyncio.sleep(min(int(retry_after), 5, max(0.0, deadline - time.perf_counter())))
    return errors


async def health_during(served: Served, seconds: float) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bench.ohlcv_health", served.base, str(seconds),
        cwd=ROOT, stdout=asyncio.subprocess.PIPE,
    )  # fmt: skip


async def health_samples(sampler: asyncio.subprocess.Process) -> tuple[list[float], int]:
    out, _ = await sampler.communicate()
    found = json.loads(out)
    return list(found["ms"]), int(found["failures"])


async def run_load(
    served: Served, store: BenchStore, clients: int, seconds: float, answers: str = "rows"
) -> LoadResult:
    """`clients` concurrent clients for `seconds` asking for `answers` (a key of FORMATS);
    0 clients samples /health/ at rest."""
    rss = served.rss
    rss.reset()
    sampler = await health_during(served, seconds)
    latencies: list[float] = []
    refused: Counter[int] = Counter()
    connector = aiohttp.TCPConnector(limit=max(clients, 1))
    timeout = aiohttp.ClientTimeout(total=300)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
        started = time.perf_counter()
        errors = await asyncio.gather(
            *(
                _client(session, served, store, i, started + seconds, latencies, refused, answers)
                for i in range(clients)
            )
        )
        elapsed = time.perf_counter() - started
    health, failures = await health_samples(sampler)
    return LoadResult(
        clients, elapsed, latencies, dict(refused), sum(errors), health, failures, rss.peak_mb(),
        answers,
    )  # fmt: skip
