"""/api/v1/strategies"""

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
from adapters.inbound.http.etags import expected_versions, with_etag
from adapters.inbound.http.routes.openapi import conditional, operation, owned, problems
from adapters.inbound.http.routes.paging import page_request
from adapters.inbound.http.schemas.common import PageQuerySchema, StrategyIdSchema
from adapters.inbound.http.schemas.strategies import (
    StrategyCreateSchema,
    StrategyPageSchema,
    StrategySchema,
    StrategyUpdateSchema,
)
from core.use_cases.strategies.create_strategy import CreateStrategy, CreateStrategyCommand
from core.use_cases.strategies.delete_strategy import DeleteStrategy, DeleteStrategyCommand
from core.use_cases.strategies.get_strategy import GetStrategy, GetStrategyQuery
from core.use_cases.strategies.list_strategies import ListStrategies, ListStrategiesQuery
from core.use_cases.strategies.update_strategy import UpdateStrategy, UpdateStrategyCommand

routes = web.RouteTableDef()
TAG = "strategies"


@routes.post("/api/v1/strategies")
@operation(TAG, "Save a strategy template")
@request_schema(StrategyCreateSchema, put_into="body")
@response_schema(StrategySchema, 201)
@problems(400, 401, 409, 413, 422)
@inject
async def create_strategy(
    request: web.Request, create: CreateStrategy = Provide["use_cases.create_strategy"]
) -> web.Response:
    strategy = await create(
        CreateStrategyCommand(owner_id=principal_of(request).user_id, **request["body"])
    )
    return presenters.json_response(
        presenters.strategy(strategy), status=201, location=f"/api/v1/strategies/{strategy.id}"
    )


@routes.get("/api/v1/strategies")
@operation(TAG, "List the caller's strategy templates, newest first")
@querystring_schema(PageQuerySchema, put_into="query")
@response_schema(StrategyPageSchema, 200)
@problems(401, 422)
@inject
async def list_strategies(
    request: web.Request, list_: ListStrategies = Provide["use_cases.list_strategies"]
) -> web.Response:
    result = await list_(
        ListStrategiesQuery(principal_of(request).user_id, page_request(request["query"]))
    )
    return presenters.json_response(presenters.page(result, presenters.strategy))


@routes.get("/api/v1/strategies/{strategy_id}")
@operation(TAG, "Get one strategy template")
@owned(StrategyIdSchema)
@response_schema(StrategySchema, 200)
@inject
async def get_strategy(
    request: web.Request, get: GetStrategy = Provide["use_cases.get_strategy"]
) -> web.Response:
    strategy = await get(
        GetStrategyQuery(principal_of(request).user_id, request["path"]["strategy_id"])
    )
    return with_etag(presenters.json_response(presenters.strategy(strategy)), strategy.updated_at)


@routes.put("/api/v1/strategies/{strategy_id}")
@operation(TAG, "Change a strategy template (only the fields sent)")
@owned(StrategyIdSchema)
@request_schema(StrategyUpdateSchema, put_into="body")
@response_schema(StrategySchema, 200, description="The changed template, with its new ETag.")
@problems(400, 409, 413)
@conditional
@inject
async def update_strategy(
    request: web.Request, update: UpdateStrategy = Provide["use_cases.update_strategy"]
) -> web.Response:
    strategy = await update(
        UpdateStrategyCommand(
            owner_id=principal_of(request).user_id,
            strategy_id=request["path"]["strategy_id"],
            expected_versions=expected_versions(request),
            **request["body"],
        )
    )
    return with_etag(presenters.json_response(presenters.strategy(strategy)), strategy.updated_at)


@routes.delete("/api/v1/strategies/{strategy_id}")
@operation(TAG, "Delete a strategy template; backtests made from it keep their settings")
@owned(StrategyIdSchema)
@docs(responses={204: {"description": "Deleted."}})
@inject
async def delete_strategy(
    request: web.Request, delete: DeleteStrategy = Provide["use_cases.delete_strategy"]
) -> web.Response:
    await delete(
        DeleteStrategyCommand(principal_of(request).user_id, request["path"]["strategy_id"])
    )
    return web.Response(status=204)
