"""Runs are durable jobs: real processes on embedded defaults, a separate worker, restarts.

The API runs with RUN_WORKERS=0, so only the separate `python -m bootstrap worker` process
runs backtests. Restarting the API mid-run changes nothing; killing the worker mid-run makes
another worker pick the job again after RUN_HEARTBEAT_SECONDS, and the run completes once.
Every process shares one PostgreSQL that this test owns (TEST_DATABASE_URL's server, or an
embedded one started here), so no process's death takes the database with it.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from tests.e2e.api_process import (
    mint,
    request,
    serving,
)

STRATEGY = {"name": "SMA", "kind": "sma_crossover", "parameters": {"fast": 10, "slow": 40}}


@contextmanager
def a_worker(env: dict[str, str]) -> Iterator[subprocess.Popen[bytes]]:
    process = subprocess.Popen(
        [sys.executable, "-m", "bootstrap", "worker"],
        cwd=env["DATA_DIR"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield process
    finally:
        if process.poll() is None:
            process.terminate()
            process.wait(timeout=60)


def queue_a_year_of_minutes(port: int, token: str) -> str:
    _, strategy = request(port, "POST", "/api/v1/strategies", token, STRATEGY)
    body = {
        "name": "a year of minutes",
        "strategy_id": strategy["id"],
        "symbol": "BTC",
        "start_date": "2023-01-01",
        "end_date": "2023-12-31",
        "initial_capital": 10_000,
        "timeframe": "1m",
        "execution": {"commission": 0.0005},
    }
    status, backtest = request(port, "POST", "/api/v1/backtests", token, body)
    assert status == 201, backtest
    status, queued = request(port, "POST", f"/api/v1/backtests/{backtest['id']}/run", token)
    assert status == 202, queued
    return str(backtest["id"])


def poll(port: int, token: str, backtest_id: str, until: tuple[str, ...]) -> dict[str, Any]:
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        try:
            status, backtest = request(port, "GET", f"/api/v1/backtests/{backtest_id}", token)
        except OSError:  # the API is restarting
            time.sleep(0.2)
            continue
        if status == 200 and backtest["status"] in until:
            return backtest
        time.sleep(0.1)
    pytest.fail(f"backtest {backtest_id} never reached {until}")


def engine_trades(port: int, token: str, backtest_id: str) -> list[dict[str, Any]]:
    _, page = request(port, "GET", f"/api/v1/trades/backtest/{backtest_id}?limit=500", token)
    items = list(page["items"])
    while page["next_cursor"]:
        cursor = page["next_cursor"]
        path = f"/api/v1/trades/backtest/{backtest_id}?limit=500&cursor={cursor}"
        _, page = request(port, "GET", path, token)
        items += page["items"]
    return items


def assert_completed_once(port: int, token: str, backtest_id: str) -> None:
    done = poll(port, token, backtest_id, ("completed", "failed", "cancelled"))
    status, results = request(port, "GET", f"/api/v1/backtests/{backtest_id}/results", token)
    trades = engine_trades(port, token, backtest_id)
    closed = [t for t in trades if t["exit_time"] is not None]

    assert (done["status"], done["error"]) == ("completed", None), done
    assert status == 200
    assert len(closed) == results["statistics"]["trade_count"]
    assert len({(t["entry_time"], t["side"]) for t in trades}) == len(trades), "no duplicates"


def test_a_run_completes_once_while_the_api_restarts(env: dict[str, str]) -> None:
    port = int(env["PORT"])
    with serving(env, port):
        token = mint(env)
        with a_worker(env):
            backtest_id = queue_a_year_of_minutes(port, token)
            poll(port, token, backtest_id, ("running", "completed"))
    # The API stopped; start it again while the worker (restarted as well) finishes the run.
    with serving(env, port), a_worker(env):
        assert_completed_once(port, token, backtest_id)


def test_a_run_whose_worker_was_killed_is_picked_again_and_completes_once(
    env: dict[str, str],
) -> None:
    port = int(env["PORT"])
    with serving(env, port):
        token = mint(env)
        with a_worker(env) as first:
            backtest_id = queue_a_year_of_minutes(port, token)
            poll(port, token, backtest_id, ("running",))
            first.send_signal(signal.SIGKILL)
            first.wait(timeout=30)
        with a_worker(env):
            assert_completed_once(port, token, backtest_id)
