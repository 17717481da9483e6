"""Benchmark: one month of 1-minute candles encoded, ours against other encoders.

    python bench/ohlcv_encoding.py [--repeat 15]

Data: HistData EUR/USD January 2017 from ../shared/marketdata when present, else 43,200
generated minutes. Every contender starts from the numpy columns DuckDbCandleStore.bars gives.
Before timing, each is checked to write the very bytes ours does ("same bytes"), or, for the
encoders this API used before where the number text changed, the same values ("same values").
Contenders run interleaved round by round (A B C A B C ...) so machine drift spreads over all;
medians are printed with their ratio to ours. Stall: the longest a 1 ms ticker thread waited
while the encoder ran in another thread (GIL held, or no core free), median of 5 runs: what an
event loop would feel.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
import pyarrow as pa  # noqa: E402
import pyarrow.compute as pc  # noqa: E402
import pyarrow.csv as pacsv  # noqa: E402

from adapters.inbound.http.ohlcv.encoders import encoded_chunks  # noqa: E402
from bench.ohlcv_encoding_contenders import (  # noqa: E402
    FIELDS,
    Encoder,
    arrow_csv_writer,
    arrow_from_lists,
    column_lists,
    dict_rows,
    duckdb_csv,
    duckdb_rows,
)
from core.domain.candles import CandleSeries  # noqa: E402
from core.domain.timeframe import Timeframe  # noqa: E402
from core.domain.values import Symbol  # noqa: E402
from core.use_cases.market_data.freshness import Freshness  # noqa: E402
from core.use_cases.market_data.get_candles import CandlePage, CandlesAnswer  # noqa: E402

REAL = ROOT.parent / "shared" / "marketdata" / "raw" / "DAT_ASCII_EURUSD_M1_201701.csv"


def month() -> tuple[str, CandleSeries]:
    if REAL.is_file():
        read = pacsv.ReadOptions(column_names=["t", *FIELDS])
        table = pacsv.read_csv(REAL, read, pacsv.ParseOptions(delimiter=";"))
        times = pc.strptime(table["t"], format="%Y%m%d %H%M%S", unit="ms").cast(pa.int64())
        columns = [times.to_numpy(), *(table[f].cast(pa.float64()).to_numpy() for f in FIELDS)]
        source = f"real: {REAL.name}"
    else:
        rng, n = np.random.default_rng(7), 43_200
        close = np.round(100 + np.cumsum(rng.normal(0, 0.05, n)), 4)
        spread = np.round(rng.uniform(0, 0.2, (2, n)), 4)
        times = 1_704_067_200_000 + np.arange(n, dtype=np.int64) * 60_000
        volume = rng.integers(0, 500, n).astype(np.float64)
        columns = [times, np.roll(close, 1), close + spread[0], close - spread[1], close, volume]
        source = "generated"
    return source, CandleSeries(Symbol("EURUSD"), Timeframe.parse("1m"), *columns)


def ours(answer: CandlesAnswer, fmt: str, layout: str = "rows", tf: str = "iso") -> Encoder:
    return lambda: b"".join(encoded_chunks(fmt, answer, "1Y", layout, False, tf))


def same_values(csv_a: bytes, csv_b: bytes) -> bool:
    """The same header, times and float64 values (Arrow wrote 0 where ours writes 0.0)."""
    floats = pacsv.ConvertOptions(column_types=dict.fromkeys(FIELDS, pa.float64()))
    read = [pacsv.read_csv(io.BytesIO(text), convert_options=floats) for text in (csv_a, csv_b)]
    return bool(read[0].equals(read[1]))


def stall(work: Encoder) -> float:
    """The longest extra wait of a 1 ms ticker in this thread while `work` runs in another."""
    worker = threading.Thread(target=work)
    worker.start()
    worst, last = 0.0, time.perf_counter()
    while worker.is_alive():
        time.sleep(0.001)
        now = time.perf_counter()
        worst, last = max(worst, now - last - 0.001), now
    return worst


def medians(contenders: dict[str, Encoder], repeat: int) -> dict[str, float]:
    """Median milliseconds of each, the contenders taking turns round by round."""
    runs: dict[str, list[float]] = {name: [] for name in contenders}
    for _ in range(repeat):
        for name, encode in contenders.items():
            started = time.perf_counter()
            encode()
            runs[name].append(time.perf_counter() - started)
    return {name: statistics.median(t) * 1000 for name, t in runs.items()}


def run_case(title: str, contenders: dict[str, Encoder], repeat: int) -> dict[str, float]:
    bodies = {name: encode() for name, encode in contenders.items()}
    kinds = {}
    for name, body in bodies.items():
        kinds[name] = "same bytes" if body == bodies["ours"] else "same values"
        assert body == bodies["ours"] or ("(before)" in name and same_values(body, bodies["ours"]))
    times = medians(contenders, repeat)
    print(f"\n{title} ({len(bodies['ours']) / 1e6:.1f} MB)")
    for name, encode in contenders.items():
        worst = statistics.median(stall(encode) for _ in range(5)) * 1000
        print(f"  {name:<38} {kinds[name]:<11} {times[name]:7.1f} ms"
              f" {times[name] / times['ours']:6.2f}x ours  stall {worst:5.1f} ms")  # fmt: skip
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=15, help="interleaved rounds per case")
    repeat = parser.parse_args().repeat
    source, s = month()
    start, end = datetime(2017, 1, 1, tzinfo=UTC), datetime(2017, 2, 1, tzinfo=UTC)
    answer = CandlesAnswer([CandlePage(s, None)], s.timeframe, start, end, Freshness.IMMUTABLE)
    print(f"{source}: {len(s):,} one-minute candles; {repeat} interleaved rounds; medians")
    rows = {}
    for tf in ("iso", "epoch_ms"):
        rows[tf] = run_case(f"JSON rows, {tf}", {
            "ours": ours(answer, "json", tf=tf),
            "orjson over per-row dicts (before)": dict_rows(s, tf),
            "DuckDB to_json + string_agg": duckdb_rows(s, tf)}, repeat)  # fmt: skip
    run_case("JSON columns, iso", {
        "ours": ours(answer, "json", "columns"),
        "orjson over lists (before)": column_lists(s, numpy=False),
        "orjson over numpy arrays, one call": column_lists(s, numpy=True)}, repeat)  # fmt: skip
    run_case("CSV, iso", {
        "ours": ours(answer, "csv"),
        "Arrow CSV writer (before)": arrow_csv_writer(s),
        "DuckDB concat_ws + string_agg": duckdb_csv(s)}, repeat)  # fmt: skip
    run_case("Arrow IPC stream", {
        "ours": ours(answer, "arrow"),
        "Arrow from lists (before)": arrow_from_lists(s)}, repeat)  # fmt: skip
    fastest = min(v for k, v in rows["iso"].items() if k != "ours")
    print(f"\nJSON rows (iso), ours / fastest other same-bytes encoder: "
          f"{rows['iso']['ours'] / fastest:.2f}x (target: at most 1.5x)")  # fmt: skip
    pair = medians({"csv": ours(answer, "csv"), "json": ours(answer, "json")}, repeat)
    print(f"CSV / JSON rows (iso), ours, the two interleaved: {pair['csv']:.1f} / "
          f"{pair['json']:.1f} ms = {pair['csv'] / pair['json']:.2f}x "
          "(target: at most 1.0x)")  # fmt: skip


if __name__ == "__main__":
    main()
