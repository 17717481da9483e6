"""What the API answers is what its OpenAPI document says: bodies validate against schemas."""

from __future__ import annotations

from marshmallow import Schema

from adapters.inbound.http.schemas.backtests import BacktestPageSchema, BacktestSchema
from adapters.inbound.http.schemas.health import DetailedHealthSchema
from adapters.inbound.http.schemas.ohlcv import CandlesSchema, SymbolsSchema, TimeframesSchema
from adapters.inbound.http.schemas.strategies import StrategyPageSchema, StrategySchema
from adapters.inbound.http.schemas.trades import TradePageSchema, TradeSchema
from adapters.inbound.http.schemas.users import UserSchema
from adapters.outbound.memory.candle_store import InMemoryCandleStore
from tests.http.conftest import FIRST_BACKTEST, Api
from tests.support.marketdata import bars, ms


def valid(schema: Schema, body: object) -> bool:
    errors = schema.validate(body)  # type: ignore[arg-type]
    assert errors == {}, errors
    return True


async def test_every_resource_answers_in_its_documented_shape(api: Api) -> None:
    _, strategy = await api.call(
        "POST", "/api/v1/strategies", json={"name": "S", "kind": "buy_and_hold", "description": "d"}
    )
    _, backtest = await api.call(
        "POST", "/api/v1/backtests", json={**FIRST_BACKTEST, "strategy_id": strategy["id"]}
    )
    trade_body = {
        "backtest_id": backtest["id"],
        "side": "sell",
        "quantity": 1.5,
        "entry_time": "2023-01-02T00:00:00Z",
        "entry_price": 100,
        "exit_time": "2023-01-03T00:00:00Z",
        "exit_price": 90,
        "notes": "n",
    }
    _, trade = await api.call("POST", "/api/v1/trades", json=trade_body)

    assert valid(StrategySchema(), strategy)
    assert valid(BacktestSchema(), backtest)
    assert valid(TradeSchema(), trade)
    assert valid(UserSchema(), (await api.call("GET", "/api/v1/users/"))[1])
    assert valid(BacktestPageSchema(), (await api.call("GET", "/api/v1/backtests"))[1])
    assert valid(StrategyPageSchema(), (await api.call("GET", "/api/v1/strategies"))[1])
    trades = (await api.call("GET", f"/api/v1/trades/backtest/{backtest['id']}"))[1]
    assert valid(TradePageSchema(), trades)
    health = await (await api.client.get("/api/v1/health/detailed")).json()
    assert valid(DetailedHealthSchema(), health)


async def test_market_data_answers_in_its_documented_shape(
    api: Api, candles: InMemoryCandleStore
) -> None:
    candles.add("BTC", bars(ms(2023, 1, 1), 180))
    params = {
        "symbol": "BTC",
        "start_date": "2023-01-01",
        "end_date": "2023-01-01",
        "timeframe": "1h",
    }

    assert valid(SymbolsSchema(), (await api.call("GET", "/api/v1/ohlcv/symbols"))[1])
    assert valid(TimeframesSchema(), (await api.call("GET", "/api/v1/ohlcv/timeframes"))[1])
    assert valid(CandlesSchema(), (await api.call("GET", "/api/v1/ohlcv/data", params=params))[1])
