"""Benchmark: one backtest run, our engines against backtesting.py and a compiled floor.

    python bench/engine.py [--repeat 7]

Cases (skipped when ../shared/marketdata/raw lacks the file):
  USDJPY 1m   FXCM USDJPY 2013 bid minutes (366,456 bars), SMA 50/200 crossover, long-short
  GOOG 1d     GOOG daily bars 2004-2013 (2,148 bars), SMA 10/20 crossover, commission 0.2%

Contenders, interleaved round by round in this one process:
  fast        FastEngine.run: compiled indicators and signals, bar loop and statistics
  fast-10     ten FastEngine.run back to back, per run: a sweep's situation, caches warm
  fast-sim    FastEngine.simulate on ready signals: bar loop and statistics only
  reference   ReferenceEngine.simulate on ready signals (pure Python)
  backtesting backtesting.py 0.6.6 Backtest.run, SMAs by pandas in init (AGPL: bench only)
  floor       a minimal compiled next-open fill loop with running-sum SMAs, no statistics
  http        the whole path: POST /run, then GETs with Prefer: wait until completed, trades
              stored (bench/engine_http.py; skipped when no PostgreSQL answers at
              DATABASE_URL or TEST_DATABASE_URL)
  http-get    one GET of the same backtest: the cheapest authenticated request

Prints medians, ratios, and the fast engine's peak memory per bar (tracemalloc), then that
peak on growing prefixes of the minutes (bench/engine_memory.py).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from adapters.outbound.engine.fast.engine import FastEngine  # noqa: E402
from adapters.outbound.engine.reference import ReferenceEngine  # noqa: E402
from adapters.outbound.rules.lark_parser import LarkRulesParser  # noqa: E402
from bench.engine_contenders import backtesting_run, floor_loop  # noqa: E402
from bench.engine_http import Round, served  # noqa: E402
from bench.engine_memory import memory_report, peak_bytes  # noqa: E402
from core.domain.engine.bars import Bars  # noqa: E402
from core.domain.engine.execution import ExecutionSettings  # noqa: E402
from core.domain.engine.signals import Signals  # noqa: E402
from core.domain.rules.compiler import RulesCompiler  # noqa: E402

IN_A_ROW = 10
RAW = ROOT.parent / "shared" / "marketdata" / "raw"
CONTENDERS = [
    "fast", "fast-10", "fast-sim", "reference", "backtesting", "floor", "http", "http-get",
]  # fmt: skip


def load(name: str) -> pd.DataFrame | None:
    path = RAW / name
    if not path.is_file():
        print(f"skipped: {path} is not here", file=sys.stderr)
        return None
    if name.endswith("GOOG.csv"):
        return pd.read_csv(path, index_col=0, parse_dates=True)
    frame = pd.read_csv(path)
    frame.index = pd.DatetimeIndex(pd.to_datetime(frame.pop("timestamp"), utc=True)).tz_convert(
        None
    )
    return frame.rename(columns=str.capitalize).assign(Volume=0.0)


def bars_of(frame: pd.DataFrame) -> Bars:
    columns = (
        frame[name].to_numpy(np.float64) for name in ("Open", "High", "Low", "Close", "Volume")
    )
    return Bars(frame.index.as_unit("ms").asi8, *columns)


def pandas_signals(frame: pd.DataFrame, fast: int, slow: int) -> Signals:
    quick = frame.Close.rolling(fast).mean().to_numpy()
    slower = frame.Close.rolling(slow).mean().to_numpy()
    up = np.zeros(len(frame), bool)
    down = np.zeros(len(frame), bool)
    up[1:] = (quick[:-1] < slower[:-1]) & (quick[1:] > slower[1:])
    down[1:] = (slower[:-1] < quick[:-1]) & (slower[1:] > quick[1:])
    never = np.zeros(len(frame), bool)
    return Signals(up, never, down, never, start=1 + int(np.isnan(slower).argmin()))


def case(name: str, frame: pd.DataFrame, fast: int, slow: int, commission: float,
         repeat: int, http: tuple[Round, Round, int] | None) -> dict[str, Any]:  # fmt: skip
    bars = bars_of(frame)
    signals = pandas_signals(frame, fast, slow)
    listed = Signals(*(s.tolist() for s in (signals.entry, signals.exit, signals.short_entry,
                                            signals.short_exit)), start=signals.start)  # fmt: skip
    program = RulesCompiler(LarkRulesParser()).compile(
        "sma_crossover", {"fast": fast, "slow": slow, "short": 1}, None
    )
    settings = ExecutionSettings(cash=10_000, commission=commission, allow_short=True)
    engine, reference = FastEngine(), ReferenceEngine()
    engine.warm_up()
    open_, close = frame.Open.to_numpy(np.float64), frame.Close.to_numpy(np.float64)
    work: dict[str, Callable[[], Any]] = {
        "fast": lambda: engine.run(bars, program, settings),
        "fast-10": lambda: [engine.run(bars, program, settings) for _ in range(IN_A_ROW)],
        "fast-sim": lambda: engine.simulate(bars, signals, settings),
        "reference": lambda: reference.simulate(bars, listed, settings),
        "backtesting": backtesting_run(frame, fast, slow, commission),
        "floor": lambda: floor_loop(open_, close, fast, slow, 10_000.0),
    }
    trades = {
        "fast": engine.run(bars, program, settings).statistics.trade_count,
        "backtesting": int(work["backtesting"]()["# Trades"]),
    }
    if http is not None:
        work["http"], work["http-get"], trades["http"] = http
    work["floor"]()
    samples: dict[str, list[float]] = {key: [] for key in work}
    for _ in range(repeat):
        for key, run in work.items():
            started = time.perf_counter()
            run()
            runs = IN_A_ROW if key == "fast-10" else 1
            samples[key].append((time.perf_counter() - started) * 1000 / runs)
    peak = peak_bytes(engine, bars, program, settings)
    medians = {key: statistics.median(values) for key, values in samples.items()}
    return {"case": name, "bars": len(frame), "trades": trades, "peak_bytes": peak, **medians}


def report(rows: list[dict[str, Any]]) -> str:
    lines = [
        "| case | bars | " + " | ".join(f"{c} ms" for c in CONTENDERS)
        + " | backtesting / fast | fast / floor | backtesting / fast-10 | fast-10 / floor |"
        + " fast-sim / floor | fast peak B/bar | backtesting / http | http / fast |",
        "|---" * (len(CONTENDERS) + 10) + "|",
    ]  # fmt: skip
    for row in rows:
        cells = " | ".join(f"{row[c]:.2f}" if c in row else "-" for c in CONTENDERS)
        http = (f"{row['backtesting'] / row['http']:.1f}x | {row['http'] / row['fast']:.1f}x"
                if "http" in row else "- | -")  # fmt: skip
        lines.append(
            f"| {row['case']} | {row['bars']:,} | {cells} | {row['backtesting'] / row['fast']:.0f}x"
            f" | {row['fast'] / row['floor']:.1f}x | {row['backtesting'] / row['fast-10']:.0f}x"
            f" | {row['fast-10'] / row['floor']:.1f}x | {row['fast-sim'] / row['floor']:.1f}x"
            f" | {row['peak_bytes'] / row['bars']:.0f} | {http} |"
        )
    lines += [f"trades {row['case']}: {row['trades']}" for row in rows]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    cases = [  # symbol, file, timeframe, fast, slow, commission
        ("USDJPY", "fxcm-usdjpy-m1-bid-2013.csv", "1m", 50, 200, 0.0),
        ("GOOG", "GOOG.csv", "1d", 10, 20, 0.002),
    ]
    frames = {symbol: load(file) for symbol, file, *_ in cases}
    rows = []
    with served({s: f for s, f in frames.items() if f is not None}) as path:
        for symbol, _, timeframe, fast, slow, commission in cases:
            frame = frames[symbol]
            if frame is None:
                continue
            http = path.prepare(symbol, frame, timeframe, fast, slow, commission) if path else None
            name = f"{symbol} {timeframe} SMA {fast}/{slow}"
            rows.append(case(name, frame, fast, slow, commission, args.repeat, http))
    print(report(rows))
    minutes = frames["USDJPY"]
    if minutes is not None:
        program = RulesCompiler(LarkRulesParser()).compile(
            "sma_crossover", {"fast": 50, "slow": 200, "short": 1}, None
        )
        settings = ExecutionSettings(cash=10_000, allow_short=True)
        print("\n" + memory_report("USDJPY 1m SMA 50/200", bars_of(minutes), program, settings))


if __name__ == "__main__":
    main()
