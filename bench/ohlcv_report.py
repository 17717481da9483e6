"""Markdown tables of a run, and the issue's targets with met / not met from its figures."""

from __future__ import annotations

from bench.ohlcv_load import LoadResult, percentile
from bench.ohlcv_rounds import CaseResult

CACHE_HIT = "http-cached"


def _ms(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def case_table(result: CaseResult) -> str:
    """One row per contender; ratios to the floor; the cache hit last, labelled."""
    case = result.case
    floor = result.median("floor")
    lines = [
        f"### Case {case.label}: {case.symbol} {case.title}, {case.start} to {case.end}",
        "",
        "| contender | median ms | min ms | max ms | / floor | candles |",
        "|---|---|---|---|---|---|",
    ]
    counts = {n: c for n, c in result.candles.items() if n != CACHE_HIT}
    for name, values in result.samples.items():
        median = result.median(name)
        ratio = f"{median / floor:.2f}x" if median and floor else "-"
        label = f"{name} (response-cache hit, not uncached)" if name == CACHE_HIT else name
        lines.append(
            f"| {label} | {_ms(median)} | {_ms(min(values))} | {_ms(max(values))} | {ratio} "
            f"| {result.candles[name]:,} |"
        )
    if len(set(counts.values())) > 1:
        lines += ["", f"**Candle counts differ between contenders: {counts}**"]
    rounds = len(next(iter(result.samples.values())))
    lines += ["", f"{rounds} interleaved rounds after one untimed run of each contender."]
    return "\n".join(lines)


def load_table(results: list[LoadResult], identity: bool) -> str:
    coding = "Accept-Encoding: identity" if identity else "aiohttp's default Accept-Encoding"
    lines = [
        "### Concurrency: uncached whole-store 1m -> 1h, symbols and ranges varied",
        "",
        f"Clients send {coding}.",
        "",
        "| answers | clients | seconds | answers 200 | other answers | no answer | req/s | p50 ms "
        "| p99 ms | /health/ p50 ms | /health/ p99 ms | /health/ samples | server peak RSS MB |",
        "|---" * 13 + "|",
    ]
    for r in results:
        other = ", ".join(f"{n}x {s}" for s, n in sorted(r.refused.items())) or "0"
        lines.append(
            f"| {_ANSWERS[r.answers] if r.clients else '-'} | {r.clients or 'idle'} "
            f"| {f'{r.seconds:.1f}' if r.clients else '-'} "
            f"| {len(r.latencies)} | {other} "
            f"| {r.errors} | {r.per_second:.1f} | {_ms(r.median)} "
            f"| {_ms(percentile(r.latencies, 0.99))} | {_ms(percentile(r.health, 0.5))} "
            f"| {_ms(percentile(r.health, 0.99))} | {len(r.health)} "
            f"(+{r.health_failures} failed) | {_ms(r.peak_rss_mb)} |"
        )
    lines += ["", "Peak RSS: VmHWM of the `serve` process, reset at the start of each level."]
    return "\n".join(lines)


_ANSWERS = {"rows": "JSON rows", "columns": "JSON columns", "arrow": "Arrow IPC"}


def _verdict(ok: bool | None) -> str:
    return "not measured" if ok is None else ("**met**" if ok else "**not met**")


def targets(results: list[CaseResult], loads: list[LoadResult]) -> str:
    """The issue's targets, judged on this run's medians (uncached figures only)."""
    lines = ["### Targets (issue 9)", ""]
    case_a = next((r for r in results if r.case.label == "A"), None)
    if case_a is not None:
        if case_a.case.end.year - case_a.case.start.year + 1 < 5:
            lines.append("- (the targets are for 5 years; this store is shorter: indicative only)")
        http, floor = case_a.median("http"), case_a.median("floor")
        ratio = http / floor if http and floor else None
        lines.append(
            f"- Case A uncached, http <= 0.25x floor: "
            f"{_ms(http)} ms vs {_ms(floor)} ms = {ratio:.2f}x: {_verdict(ratio <= 0.25)}"
            if ratio is not None
            else f"- Case A uncached, http <= 0.25x floor: {_verdict(None)}"
        )
        for variant in ("http-identity", "http-arrow"):
            theirs = case_a.median(variant)
            if theirs and floor:
                lines.append(f"  ({variant}: {theirs:.1f} ms = {theirs / floor:.2f}x the floor)")
        for other in ("pandas", "polars"):
            theirs = case_a.median(other)
            ok = None if http is None or theirs is None else http < theirs
            detail = f"{_ms(http)} ms vs {_ms(theirs)} ms" if theirs else "skipped"
            lines.append(f"- Case A uncached, http faster than {other}: {detail}: {_verdict(ok)}")
    eights = [r for r in loads if r.clients == 8]
    if not eights:
        lines.append(f"- 8 clients >= 30 req/s, /health/ p99 < 50 ms: {_verdict(None)}")
    for eight in eights:
        p99 = percentile(eight.health, 0.99)
        unanswered = sum(eight.refused.values()) + eight.errors
        lines.append(
            f"- 8 clients, {_ANSWERS[eight.answers]}, >= 30 req/s: {eight.per_second:.1f} req/s"
            f"{f' ({unanswered} requests not answered 200)' if unanswered else ''}: "
            f"{_verdict(eight.per_second >= 30)}"
        )
        lines.append(
            f"- 8 clients, {_ANSWERS[eight.answers]}, /health/ p99 < 50 ms: {_ms(p99)} ms: "
            f"{_verdict(None if p99 is None else p99 < 50)}"
        )
    lines.append(
        "- One month of minutes as JSON rows within 1.5x of the fastest encoder, CSV no slower "
        "than JSON: not measured here (bench/ohlcv_encoding.py)"
    )
    return "\n".join(lines)
