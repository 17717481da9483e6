"""/api/v1/trades"""

from __future__ import annotations

from aiohttp import web
from aiohttp_apispec import (
    docs,
    querystring_schema,
    request_schema,
    response_schema,
)
from dependency_injector.wiring import Provide, inject

from adapters.inbound.http import presenters
from adapters.inbound.http.auth_middleware import principal_of
from adapters.inbound.http.routes.openapi import operation, owned, problems
from adapters.inbound.http.routes.paging import page_request
from adapters.inbound.http.schemas.common import BacktestIdSchema
from adapters.inbound.http.schemas.trades import (
    TRADES_BODY_DOC,
    TradePageQuerySchema,
    TradePageSchema,
    TradesBodySchema,
)
from core.domain.trade import Side, TradeDraft
from core.use_cases.trades.list_trades import ListTrades, ListTradesQuery
from core.use_cases.trades.record_trades import RecordTrades, RecordTradesCommand

routes = web.RouteTableDef()
TAG = "trades"


@routes.post("/api/v1/trades")
@operation(
    TAG,
    "Record one trade or a list of trades",
    description="A list is stored atomically: every trade or none. "
    "Each backtest_id must be one of the caller's backtests.",
    requestBody=TRADES_BODY_DOC,
)
@request_schema(TradesBodySchema, put_into="body")
@docs(
    responses={
        201: {
            "description": "One trade sent answers the stored trade; a list sent answers "
            "{items: [...]} in the order sent.",
            "content": {
                "application/json": {
                    "schema": {
                        "oneOf": [
                            {"$ref": "#/components/schemas/Trade"},
                            {"$ref": "#/components/schemas/TradeList"},
                        ]
                    }
                }
            },
        }
    }
)
@problems(400, 401, 404, 413, 422)
@inject
async def record_trades(
    request: web.Request, record: RecordTrades = Provide["use_cases.record_trades"]
) -> web.Response:
    body = request["body"]
    drafts = tuple(
        TradeDraft(**{**item, "side": Side(item["side"])})
        for item in (body if isinstance(body, list) else [body])
    )
    trades = await record(RecordTradesCommand(principal_of(request).user_id, drafts))
    answer = (
        {"items": [presenters.trade(item) for item in trades]}
        if isinstance(body, list)
        else presenters.trade(trades[0])
    )
    # No route reads one trade: Location is the list the new trades can be read from, the
    # backtest's trades, when they all belong to one backtest.
    backtests = {trade.backtest_id for trade in trades}
    location = f"/api/v1/trades/backtest/{backtests.pop()}" if len(backtests) == 1 else None
    return presenters.json_response(answer, status=201, location=location)


@routes.get("/api/v1/trades/backtest/{backtest_id}")
@operation(TAG, "List a backtest's trades in time order")
@owned(BacktestIdSchema)
@querystring_schema(TradePageQuerySchema, put_into="query")
@response_schema(TradePageSchema, 200)
@inject
async def list_trades(
    request: web.Request, list_: ListTrades = Provide["use_cases.list_trades"]
) -> web.Response:
    result = await list_(
        ListTradesQuery(
            principal_of(request).user_id,
            request["path"]["backtest_id"],
            page_request(request["query"]),
        )
    )
    return presenters.json_response(presenters.page(result, presenters.trade))
