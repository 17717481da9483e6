"""Benchmark: DuckDB threads per query against queries run at once, to pick the defaults.

    .venv/bin/python bench/duckdb_threads.py [--rounds 5] [--clients 8] [--per-client 3]
        [--pairs 1x2,2x1,2x2,1x4,2x4,1x8]

The bench writes its own store in a temporary folder (not timed): one symbol, 5 years
(2020-2024) of 1-minute bars, every minute, as yearly Parquet files. Each contender is one
(threads, concurrent) pair: a DuckDbEngine with `threads` DuckDB threads (DUCKDB_THREADS)
and a pool of `concurrent` queries at once (DUCKDB_CONCURRENT_QUERIES), under the real
DuckDbCandleStore (minutes only, no rollups: the aggregation this sizes).

Contenders are interleaved round by round (their order rotates each round) so machine drift
cancels. In each round, each contender serves `clients` clients asking, one after another,
`per-client` times for the whole range 1m -> 1h (throughput, p50 and p99 latency, and the
process's CPU time per query, which other load on the machine inflates far less), then one
client alone asks 3 times (latency alone: median, and the minimum, the least disturbed).
"""

from __future__ import annotations

import argparse
import asyncio
import inspect
import os
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from adapters.outbound.duckdb.candle_store import DuckDbCandleStore  # noqa: E402
from adapters.outbound.duckdb.engine import DuckDbEngine  # noqa: E402
from adapters.outbound.market_data_storage.bars_table import to_parquet_bytes  # noqa: E402
from adapters.outbound.market_data_storage.layout import yearly_key  # noqa: E402
from adapters.outbound.market_data_storage.roots import LocalRoot  # noqa: E402
from adapters.outbound.parquet.sample_data import SAMPLE_SYMBOLS, sample_year  # noqa: E402
from core.domain.candles import CandleQuery  # noqa: E402
from core.domain.timeframe import Timeframe  # noqa: E402
from core.domain.values import Symbol  # noqa: E402

YEARS = range(2020, 2025)
QUERY = CandleQuery(
    Symbol("BTC"),
    datetime(YEARS[0], 1, 1, tzinfo=UTC),
    datetime(YEARS[-1] + 1, 1, 1, tzinfo=UTC),
    Timeframe.parse("1h"),
)


@dataclass
class Contender:
    threads: int
    concurrent: int
    store: DuckDbCandleStore
    engine: DuckDbEngine
    throughputs: list[float] = field(default_factory=list)
    cpu_per_query: list[float] = field(default_factory=list)
    loaded: list[float] = field(default_factory=list)
    alone: list[float] = field(default_factory=list)

    @property
    def name(self) -> str:
        return f"threads={self.threads} concurrent={self.concurrent}"


def write_store(folder: Path) -> None:
    first = None
    for year in YEARS:
        table = sample_year(SAMPLE_SYMBOLS[0], year, first=first)
        first = float(table.column("close")[-1].as_py())
        path = folder / yearly_key("BTC", year)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(to_parquet_bytes(table))


def make_store(root: LocalRoot, engine: DuckDbEngine) -> DuckDbCandleStore:
    # Minutes only: rollups (where the store has them) would answer 1h without aggregating.
    if "rollups" in inspect.signature(DuckDbCandleStore).parameters:
        return DuckDbCandleStore(root, engine, 3600, rollups=False)
    return DuckDbCandleStore(root, engine, 3600)


async def timed(contender: Contender) -> float:
    started = time.perf_counter()
    table = await contender.store.candles_arrow(QUERY)
    elapsed = time.perf_counter() - started
    assert table.num_rows == len(YEARS) * 8760 + 2 * 24, table.num_rows  # 2020, 2024 leap
    return elapsed


async def under_load(contender: Contender, clients: int, per_client: int) -> None:
    async def client() -> list[float]:
        return [await timed(contender) for _ in range(per_client)]

    started, cpu = time.perf_counter(), time.process_time()
    latencies = await asyncio.gather(*(client() for _ in range(clients)))
    wall = time.perf_counter() - started
    contender.throughputs.append(clients * per_client / wall)
    contender.cpu_per_query.append((time.process_time() - cpu) / (clients * per_client))
    contender.loaded += [seconds for one in latencies for seconds in one]
    contender.alone += [await timed(contender) for _ in range(3)]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def report(contenders: list[Contender], clients: int) -> None:
    header = f"req/s at {clients} clients | p50 ms | p99 ms | CPU ms/query | alone p50 / min ms"
    print(f"\n| threads | concurrent | {header} |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for c in contenders:
        print(
            f"| {c.threads} | {c.concurrent} | {statistics.median(c.throughputs):.2f} "
            f"| {percentile(c.loaded, 0.5) * 1000:.0f} | {percentile(c.loaded, 0.99) * 1000:.0f} "
            f"| {statistics.median(c.cpu_per_query) * 1000:.0f} "
            f"| {statistics.median(c.alone) * 1000:.0f} / {min(c.alone) * 1000:.0f} |"
        )


async def main(args: argparse.Namespace) -> None:
    pairs = [tuple(int(n) for n in pair.split("x")) for pair in args.pairs.split(",")]
    with tempfile.TemporaryDirectory(prefix="duckdb-threads-") as folder:
        write_store(Path(folder))
        root = LocalRoot(Path(folder))
        contenders = []
        for threads, concurrent in pairs:
            engine = DuckDbEngine(workers=concurrent, threads=threads)
            contenders.append(Contender(threads, concurrent, make_store(root, engine), engine))
        try:
            for contender in contenders:
                await timed(contender)  # warm: listing, footers, file cache
            for round_ in range(args.rounds):
                shift = round_ % len(contenders)
                for contender in contenders[shift:] + contenders[:shift]:
                    await under_load(contender, args.clients, args.per_client)
                load = f"load average {os.getloadavg()[0]:.2f}"
                print(f"round {round_ + 1}/{args.rounds}, {load}", file=sys.stderr, flush=True)
        finally:
            for contender in contenders:
                await contender.engine.close()
    print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} at the end")
    report(contenders, args.clients)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--per-client", type=int, default=3)
    parser.add_argument("--pairs", default="1x2,2x1,2x2,1x4,2x4,1x8")
    asyncio.run(main(parser.parse_args()))
