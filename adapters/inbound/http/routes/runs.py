"""/api/v1/backtests/{backtest_id}/run, /cancel and /results: runs on the server."""

from __future__ import annotations

from aiohttp import web
from aiohttp_apispec import querystring_schema, response_schema
from dependency_injector.wiring import Provide, inject

from adapters.inbound.http import presenters
from adapters.inbound.http.auth_middleware import principal_of
from adapters.inbound.http.routes.openapi import operation, owned, problems
from adapters.inbound.http.schemas.backtests import BacktestSchema
from adapters.inbound.http.schemas.common import BacktestIdSchema
from adapters.inbound.http.schemas.runs import ResultsQuerySchema, ResultsSchema
from core.domain.backtest import Backtest
from core.use_cases.runs.cancel_run import CancelRun, CancelRunCommand
from core.use_cases.runs.get_results import GetResults, GetResultsQuery
from core.use_cases.runs.queue_run import QueueRun, QueueRunCommand

routes = web.RouteTableDef()
TAG = "runs"


@routes.post("/api/v1/backtests/{backtest_id}/run")
@operation(
    TAG,
    "Run the backtest on the server",
    description="Queues a run and answers at once; read the backtest (Location) until its "
    "status is completed, failed or cancelled, best with `Prefer: wait=N`, which holds each "
    "read until the status changes (see GET /api/v1/backtests/{backtest_id}). Running a "
    "finished backtest again drops its earlier results and engine trades.",
)
@owned(BacktestIdSchema)
@response_schema(BacktestSchema, 202, description="Queued; read Location for progress.")
@problems(409, 429)
@inject
async def run_backtest(
    request: web.Request, queue: QueueRun = Provide["use_cases.queue_run"]
) -> web.Response:
    return _accepted(
        await queue(QueueRunCommand(principal_of(request).user_id, request["path"]["backtest_id"]))
    )


@routes.post("/api/v1/backtests/{backtest_id}/cancel")
@operation(
    TAG,
    "Cancel the backtest's run",
    description="A queued run is cancelled at once; a running one stops at its worker's next "
    "check (the status shows cancelled then).",
)
@owned(BacktestIdSchema)
@response_schema(BacktestSchema, 202, description="Cancelled, or cancelling.")
@problems(409)
@inject
async def cancel_run(
    request: web.Request, cancel: CancelRun = Provide["use_cases.cancel_run"]
) -> web.Response:
    return _accepted(
        await cancel(
            CancelRunCommand(principal_of(request).user_id, request["path"]["backtest_id"])
        )
    )


@routes.get("/api/v1/backtests/{backtest_id}/results")
@operation(TAG, "Statistics and curves of the backtest's last server run")
@owned(BacktestIdSchema)
@querystring_schema(ResultsQuerySchema, put_into="query")
@response_schema(ResultsSchema, 200)
@inject
async def get_results(
    request: web.Request, get: GetResults = Provide["use_cases.get_results"]
) -> web.Response:
    found = await get(
        GetResultsQuery(
            principal_of(request).user_id,
            request["path"]["backtest_id"],
            request["query"]["points"],
        )
    )
    result = found.result
    return presenters.json_response(
        {
            "backtest_id": result.backtest_id,
            "run_id": result.run_id,
            "statistics": result.statistics,
            "curves": {
                "time": found.curves.time,
                "equity": found.curves.equity,
                "drawdown_pct": found.curves.drawdown_pct,
            },
            "bars": found.bars,
            "engine": result.engine,
            "settings": result.settings,
            "fingerprint": result.fingerprint,
            "created_at": result.created_at,
        }
    )


def _accepted(backtest: Backtest) -> web.Response:
    """202 with the backtest as it stands, and where to poll it."""
    return presenters.json_response(
        presenters.backtest(backtest), status=202, location=f"/api/v1/backtests/{backtest.id}"
    )
