"""Runs on the server through the API: queue, poll, results, trades, run again, cancel, limits."""

from __future__ import annotations

from typing import Any

import pytest

from adapters.outbound.engine.reference import ReferenceEngine
from adapters.outbound.memory.candle_store import InMemoryCandleStore
from adapters.outbound.rules.lark_parser import LarkRulesParser
from core.domain.candles import CandleQuery, to_ms
from core.domain.engine.bars import Bars
from core.domain.engine.execution import ExecutionSettings
from core.domain.engine.result import SimulationResult
from core.domain.rules.compiler import RulesCompiler
from core.domain.timeframe import Timeframe
from core.domain.values import Symbol
from tests.http.conftest import Api
from tests.support.marketdata import bars, ms
from tests.support.runs import from_iso, run_to_the_end

SMA = {"name": "SMA 10/40", "kind": "sma_crossover", "parameters": {"fast": 10, "slow": 40}}
DAYS = {"symbol": "BTC", "start_date": "2023-01-01", "end_date": "2023-01-03"}


@pytest.fixture
def candles() -> InMemoryCandleStore:
    store = InMemoryCandleStore()
    store.add("BTC", bars(ms(2023, 1, 1), 3 * 24 * 60, seed=11))
    return store


async def a_backtest(api: Api, **fields: Any) -> dict[str, Any]:
    _, strategy = await api.call("POST", "/api/v1/strategies", json=SMA)
    body = {
        "name": "sma on minutes",
        "strategy_id": strategy["id"],
        "initial_capital": 10_000,
        "timeframe": "5m",
        "execution": {"commission": 0.001},
        **DAYS,
        **fields,
    }
    status, created = await api.call("POST", "/api/v1/backtests", json=body)
    assert status == 201, created
    return created


async def test_a_run_completes_with_statistics_curves_and_engine_trades(
    api: Api, candles: InMemoryCandleStore
) -> None:
    backtest = await a_backtest(api)

    response = await api.client.post(f"/api/v1/backtests/{backtest['id']}/run", headers=api.auth())
    queued = await response.json()
    done = await run_to_the_end(api, backtest["id"])
    status, results = await api.call(
        "GET", f"/api/v1/backtests/{backtest['id']}/results", params={"points": 50}
    )
    _, trades = await api.call("GET", f"/api/v1/trades/backtest/{backtest['id']}?limit=500")

    assert response.status == 202
    assert response.headers["Location"] == f"/api/v1/backtests/{backtest['id']}"
    assert queued["status"] in ("queued", "running", "completed")
    assert (done["status"], done["progress"], done["error"]) == ("completed", 1.0, None)
    assert status == 200
    expected = await reference_run(candles, commission=0.001)
    assert results["statistics"]["trade_count"] == expected.statistics.trade_count
    assert results["statistics"]["equity_final"] == pytest.approx(
        expected.statistics.equity_final, rel=1e-9
    )
    assert done["results"] == results["statistics"]
    assert len(results["curves"]["equity"]) <= 50
    assert max(results["curves"]["equity"]) == pytest.approx(max(expected.equity), rel=1e-12)
    assert min(results["curves"]["equity"]) == pytest.approx(min(expected.equity), rel=1e-12)
    assert results["bars"] == len(expected.equity)
    assert results["fingerprint"]["bars"] == len(expected.equity)
    assert [t["source"] for t in trades["items"]] == ["engine"] * len(expected.trades)
    assert [to_ms(from_iso(t["entry_time"])) for t in trades["items"]] == [
        t.entry_time for t in expected.trades
    ]


async def test_running_again_replaces_results_and_engine_trades_and_keeps_manual_ones(
    api: Api,
) -> None:
    backtest = await a_backtest(api)
    manual = {
        "backtest_id": backtest["id"],
        "side": "long",
        "quantity": 1,
        "entry_time": "2023-01-01T10:00:00Z",
        "entry_price": 100,
    }
    await api.call("POST", "/api/v1/trades", json=manual)
    await api.call("POST", f"/api/v1/backtests/{backtest['id']}/run")
    first = await run_to_the_end(api, backtest["id"])
    _, before = await api.call("GET", f"/api/v1/trades/backtest/{backtest['id']}?limit=500")

    await api.call("POST", f"/api/v1/backtests/{backtest['id']}/run")
    second = await run_to_the_end(api, backtest["id"])
    _, after = await api.call("GET", f"/api/v1/trades/backtest/{backtest['id']}?limit=500")

    assert first["results"] == second["results"]
    assert len(after["items"]) == len(before["items"])
    assert [t["source"] for t in after["items"]].count("manual") == 1


async def test_a_backtest_whose_strategy_is_no_kind_cannot_run(api: Api) -> None:
    body = {"name": "old", "strategy": "Moving Average Crossover", "initial_capital": 1, **DAYS}
    _, backtest = await api.call("POST", "/api/v1/backtests", json=body)

    status, problem = await api.call("POST", f"/api/v1/backtests/{backtest['id']}/run")

    assert status == 422
    assert "strategy" in problem["errors"]
    assert "not runnable" in problem["detail"]


async def test_a_run_with_no_candles_in_its_range_fails_with_a_readable_error(api: Api) -> None:
    backtest = await a_backtest(api, start_date="2019-01-01", end_date="2019-01-02")

    await api.call("POST", f"/api/v1/backtests/{backtest['id']}/run")
    done = await run_to_the_end(api, backtest["id"])

    assert done["status"] == "failed"
    assert "no 5m candles of BTC" in done["error"]


async def test_results_of_a_backtest_never_run_are_not_found(api: Api) -> None:
    backtest = await a_backtest(api)

    status, problem = await api.call("GET", f"/api/v1/backtests/{backtest['id']}/results")

    assert status == 404
    assert "run" in problem["detail"]


async def test_execution_settings_are_checked_when_the_backtest_is_written(api: Api) -> None:
    _, strategy = await api.call("POST", "/api/v1/strategies", json=SMA)
    body = {"name": "x", "strategy_id": strategy["id"], "initial_capital": 100, **DAYS}

    status, problem = await api.call(
        "POST", "/api/v1/backtests", json={**body, "execution": {"commission": 0.5}}
    )

    assert status == 422
    assert "execution" in str(problem["errors"])


async def reference_run(candles: InMemoryCandleStore, commission: float) -> SimulationResult:
    """The same run by the plain reference engine, straight from the candle store."""
    query = CandleQuery(
        Symbol("BTC"),
        from_iso("2023-01-01T00:00:00Z"),
        from_iso("2023-01-04T00:00:00Z"),
        Timeframe.parse("5m"),
    )
    program = RulesCompiler(LarkRulesParser()).compile("sma_crossover", SMA["parameters"], None)
    series = await candles.candles(query)
    settings = ExecutionSettings(cash=10_000, commission=commission)
    return ReferenceEngine().run(Bars.from_series(series), program, settings)
