"""Benchmark: candles from years of 1-minute bars, uncached, side by side, and under load.

    TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test \\
        .venv/bin/python bench/ohlcv.py [--repeat 9] [--quick] [--skip-concurrency]
        [--load-seconds 20] [--load-identity] [--load-formats rows,columns,arrow] [--s3]
        [--markdown FILE]

The bench writes its own store in a temporary folder (not timed): 10 symbols x 5 years
(2019-2023) of 1-minute bars, every minute (24/7), 2,629,440 bars per symbol, as yearly
Parquet files (--quick: 2 symbols x 2 years). If the application has `python -m bootstrap
rollup`, it is run over the folder and the bench says so; the bench runs either way.

Two servers run as processes of their own (`python -m bootstrap serve`, real TCP on
127.0.0.1) over that folder and a scratch database: `uncached` with OHLCV_CACHE_BYTES=0 (no
response cache: every request reads and encodes) for every headline figure, and `cached`
with the default settings, used only for the response-cache hit, reported apart. Without a
database server the HTTP contenders and the load are skipped, with the reason.

Cases (one symbol): A the whole store 1m -> 1h; B one month of 1m as JSON rows; C one year
1m -> 1d. Contenders: see bench/ohlcv_contenders.py. They are interleaved round by round
(bench/ohlcv_rounds.py). Then 8 and 32 concurrent clients (JSON rows; 8 more for each other
format of --load-formats) for a fixed time, with /health/
sampled meanwhile and the server's peak RSS (bench/ohlcv_load.py). --s3 adds a smaller case
on moto's S3 server (bench/ohlcv_s3.py).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import aiohttp  # noqa: E402
import duckdb  # noqa: E402

from bench.engine_http import scratch_database  # noqa: E402
from bench.ohlcv_cases import cases  # noqa: E402
from bench.ohlcv_contenders import contenders, polars_missing  # noqa: E402
from bench.ohlcv_context import (  # noqa: E402
    code_version,
    load_average,
    machine,
    zero_bytes_disables_the_cache,
)
from bench.ohlcv_load import LoadResult, run_load  # noqa: E402
from bench.ohlcv_report import case_table, load_table, targets  # noqa: E402
from bench.ohlcv_rounds import CaseResult, interleaved  # noqa: E402
from bench.ohlcv_server import Served, serving  # noqa: E402
from bench.ohlcv_store import FULL, QUICK, BenchStore, app_env, build_rollups, build_store  # noqa: E402


def note(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


@contextmanager
def servers(store: BenchStore, database_url: str | None) -> Iterator[dict[str, Served]]:
    if database_url is None:
        yield {}
        return
    with ExitStack() as stack:
        env = app_env(store.data_dir, {"DATABASE_URL": database_url})
        yield {
            "uncached": stack.enter_context(serving("uncached", env | {"OHLCV_CACHE_BYTES": "0"})),
            "cached": stack.enter_context(serving("cached", env)),
        }


async def single_requests(
    store: BenchStore, running: dict[str, Served], repeat: int
) -> list[CaseResult]:
    db = duckdb.connect(
        config={"autoinstall_known_extensions": False, "autoload_known_extensions": False}
    )
    results = []
    async with aiohttp.ClientSession() as session:
        for case in cases(store):
            work = contenders(case, store, db, session, running)
            note(f"case {case.label} ({case.title}): {', '.join(work)}")
            results.append(await interleaved(case, work, repeat))
            note(case_table(results[-1]))
    db.close()
    return results


async def under_load(
    served: Served, store: BenchStore, seconds: float, identity: bool, formats: list[str]
) -> list[LoadResult]:
    """/health/ at rest, then 8 and 32 clients asking for JSON rows, then 8 clients for each
    other format asked for."""
    note(f"load: /health/ at rest, then 8 and 32 clients, then 8 for {formats[1:] or 'none'}")
    if identity:
        served = replace(served, headers=served.headers | {"Accept-Encoding": "identity"})
    results = [await run_load(served, store, 0, min(seconds, 3.0))]
    # Each symbol's files read once before the clock starts, as in a server that has run.
    async with aiohttp.ClientSession() as session:
        for symbol in store.symbols:
            params = {"symbol": symbol, "timeframe": "1h", "start_date": f"{store.years[0]}-01-01",
                      "end_date": f"{store.years[-1]}-12-31"}  # fmt: skip
            async with session.get(
                served.base + "/api/v1/ohlcv/data", params=params, headers=served.headers
            ) as response:
                await response.read()
    levels = [(clients, formats[0]) for clients in (8, 32)] + [(8, f) for f in formats[1:]]
    for clients, answers in levels:
        results.append(await run_load(served, store, clients, seconds, answers))
        note(f"  {clients} clients, {answers}: {results[-1].per_second:.1f} req/s")
    note(load_table(results, identity))
    return results


async def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=9, help="interleaved rounds per case")
    parser.add_argument("--quick", action="store_true", help="2 symbols x 2 years, short load")
    parser.add_argument("--skip-concurrency", action="store_true")
    parser.add_argument("--load-seconds", type=float, help="per level (default 20, quick 5)")
    parser.add_argument(
        "--load-identity", action="store_true", help="load clients ask for uncompressed answers"
    )
    parser.add_argument(
        "--load-formats", default="rows",
        help="comma-separated answer formats of the load (rows, columns, arrow); the first gets "
        "8 and 32 clients, the others 8",
    )  # fmt: skip
    parser.add_argument("--s3", action="store_true", help="add the smaller case on moto's S3")
    parser.add_argument("--markdown", type=Path, help="also write the report to this file")
    args = parser.parse_args()
    symbols, years = QUICK if args.quick else FULL
    seconds = args.load_seconds or (5.0 if args.quick else 20.0)

    with tempfile.TemporaryDirectory(prefix="bench-ohlcv-") as folder:
        started = time.perf_counter()
        store = build_store(Path(folder), symbols, years)
        note(f"store: {store.describe()}, written in {time.perf_counter() - started:.0f} s")
        rollups = build_rollups(app_env(store.data_dir, {}))
        note(rollups)
        cache_note = (
            "response cache: off on the `uncached` server (OHLCV_CACHE_BYTES=0 keeps nothing)"
            if zero_bytes_disables_the_cache()
            else "WARNING: OHLCV_CACHE_BYTES=0 no longer disables the response cache"
        )
        loads: list[LoadResult] = []
        s3_rollups = None
        load_before = load_average()
        with scratch_database() as database_url:
            with servers(store, database_url) as running:
                results = await single_requests(store, running, args.repeat)
                if "uncached" in running and not args.skip_concurrency:
                    uncached = running["uncached"]
                    formats = args.load_formats.split(",")
                    loads = await under_load(uncached, store, seconds, args.load_identity, formats)
            if args.s3 and database_url is not None:
                from bench.ohlcv_s3 import run_s3

                try:
                    s3_result, s3_rollups = await run_s3(store, database_url, args.repeat)
                except RuntimeError as error:  # the S3 server did not start or answer
                    s3_rollups = f"case not run: {str(error).splitlines()[0]}"
                else:
                    results.append(s3_result)
                    note(case_table(s3_result))
                note(f"S3 {s3_rollups}")
        sections = [
            f"{machine()}. Code: {code_version(ROOT)}. Load average (1/5/15 min) "
            f"{load_before} at the start, {load_average()} at the end.",
            f"Store: {store.describe()}.",
            rollups + ".",
            cache_note + ".",
        ]
        if s3_rollups:
            sections.append(f"S3 {s3_rollups}.")
        if database_url is None:
            sections.append("No database server answered: no HTTP contender, no load.")
        if polars_missing():
            sections.append("polars is not installed (`pip install -e .[bench]`): no polars runs.")
        sections += [case_table(r) for r in results]
        if loads:
            sections.append(load_table(loads, args.load_identity))
        sections.append(targets(results, loads))
    report = "\n\n".join(sections)
    print(report)
    if args.markdown:
        args.markdown.write_text(report + "\n")


if __name__ == "__main__":
    asyncio.run(main())
