"""/api/v1/backtests"""

from __future__ import annotations

from typing import Any

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
from adapters.inbound.http.etags import expected_versions, with_etag
from adapters.inbound.http.header_values import add_vary
from adapters.inbound.http.preferences import requested_wait
from adapters.inbound.http.routes.openapi import conditional, operation, owned, problems
from adapters.inbound.http.routes.paging import page_request
from adapters.inbound.http.schemas.backtests import (
    BacktestCreateSchema,
    BacktestListQuerySchema,
    BacktestPageSchema,
    BacktestSchema,
    BacktestUpdateSchema,
)
from adapters.inbound.http.schemas.common import BacktestIdSchema
from core.domain.backtest import BacktestStatus
from core.use_cases.backtests.create_backtest import CreateBacktest, CreateBacktestCommand
from core.use_cases.backtests.delete_backtest import DeleteBacktest, DeleteBacktestCommand
from core.use_cases.backtests.list_backtests import ListBacktests, ListBacktestsQuery
from core.use_cases.backtests.update_backtest import UpdateBacktest, UpdateBacktestCommand
from core.use_cases.backtests.wait_for_backtest import WaitForBacktest, WaitForBacktestQuery

routes = web.RouteTableDef()
TAG = "backtests"
WAITING = (
    "To wait for a run instead of polling, send `Prefer: wait=N` (RFC 7240; N in seconds). "
    "While the backtest is `queued` or `running`, the answer is held until its status "
    "changes or N seconds pass (at most the server's `RUN_WAIT_MAX_SECONDS`, 30 by "
    "default), whichever comes first; it is then this same representation, as it stands. "
    "`Preference-Applied: wait=<seconds allowed>` says the wait was honoured. Any other "
    "status, no preference or one that cannot be read: the answer is immediate. Changes "
    "committed anywhere wake the wait (PostgreSQL LISTEN/NOTIFY), so it works across "
    "replicas and separate workers; send the request again to keep waiting."
)


@routes.post("/api/v1/backtests")
@operation(TAG, "Create a backtest")
@request_schema(BacktestCreateSchema, put_into="body")
@response_schema(BacktestSchema, 201, description="The stored backtest.")
@problems(400, 401, 404, 413, 422)
@inject
async def create_backtest(
    request: web.Request, create: CreateBacktest = Provide["use_cases.create_backtest"]
) -> web.Response:
    body: dict[str, Any] = request["body"]
    command = CreateBacktestCommand(
        owner_id=principal_of(request).user_id,
        **{**body, "status": BacktestStatus(body["status"])},
    )
    backtest = await create(command)
    return presenters.json_response(
        presenters.backtest(backtest), status=201, location=f"/api/v1/backtests/{backtest.id}"
    )


@routes.get("/api/v1/backtests")
@operation(TAG, "List the caller's backtests, newest first")
@querystring_schema(BacktestListQuerySchema, put_into="query")
@response_schema(BacktestPageSchema, 200, description="One page; follow next_cursor for more.")
@problems(401, 422)
@inject
async def list_backtests(
    request: web.Request, list_: ListBacktests = Provide["use_cases.list_backtests"]
) -> web.Response:
    query = request["query"]
    status = query.get("status")
    result = await list_(
        ListBacktestsQuery(
            owner_id=principal_of(request).user_id,
            page=page_request(query),
            status=BacktestStatus(status) if status else None,
            symbol=query.get("symbol"),
        )
    )
    return presenters.json_response(presenters.page(result, presenters.backtest))


@routes.get("/api/v1/backtests/{backtest_id}")
@operation(TAG, "Get one backtest", description=WAITING)
@owned(BacktestIdSchema)
@response_schema(BacktestSchema, 200, description="The backtest, with its ETag.")
@inject
async def get_backtest(
    request: web.Request, wait: WaitForBacktest = Provide["use_cases.wait_for_backtest"]
) -> web.Response:
    seconds = requested_wait(request.headers.getall("Prefer", ()))
    awaited = await wait(
        WaitForBacktestQuery(
            principal_of(request).user_id, request["path"]["backtest_id"], seconds or 0
        )
    )
    backtest = awaited.backtest
    response = presenters.json_response(presenters.backtest(backtest))
    # When the answer comes depends on Prefer, and so may what it says.
    add_vary(response.headers, "Prefer")
    if awaited.allowed_seconds is not None:
        response.headers["Preference-Applied"] = f"wait={awaited.allowed_seconds}"
    return with_etag(response, backtest.updated_at)


@routes.put("/api/v1/backtests/{backtest_id}")
@operation(
    TAG,
    "Change a backtest",
    description="Partial update: only the fields sent change. The definition (strategy, symbol, "
    "dates, capital, timeframe, parameters) cannot change while running or once completed.",
)
@owned(BacktestIdSchema)
@request_schema(BacktestUpdateSchema, put_into="body")
@response_schema(BacktestSchema, 200, description="The changed backtest, with its new ETag.")
@problems(400, 409, 413)
@conditional
@inject
async def update_backtest(
    request: web.Request, update: UpdateBacktest = Provide["use_cases.update_backtest"]
) -> web.Response:
    changes = dict(request["body"])
    if "status" in changes:
        changes["status"] = BacktestStatus(changes["status"])
    backtest = await update(
        UpdateBacktestCommand(
            owner_id=principal_of(request).user_id,
            backtest_id=request["path"]["backtest_id"],
            expected_versions=expected_versions(request),
            **changes,
        )
    )
    return with_etag(presenters.json_response(presenters.backtest(backtest)), backtest.updated_at)


@routes.delete("/api/v1/backtests/{backtest_id}")
@operation(TAG, "Delete a backtest and its trades")
@owned(BacktestIdSchema)
@docs(responses={204: {"description": "Deleted."}})
@inject
async def delete_backtest(
    request: web.Request, delete: DeleteBacktest = Provide["use_cases.delete_backtest"]
) -> web.Response:
    await delete(
        DeleteBacktestCommand(principal_of(request).user_id, request["path"]["backtest_id"])
    )
    return web.Response(status=204)
