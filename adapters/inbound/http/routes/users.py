"""/api/v1/users"""

from __future__ import annotations

from aiohttp import web
from aiohttp_apispec import response_schema
from dependency_injector.wiring import Provide, inject

from adapters.inbound.http import presenters
from adapters.inbound.http.auth_middleware import principal_of
from adapters.inbound.http.routes.openapi import operation, problems
from adapters.inbound.http.schemas.users import UserSchema
from core.use_cases.users.describe_caller import DescribeCaller, DescribeCallerQuery

routes = web.RouteTableDef()


@routes.get("/api/v1/users/")
@operation("users", "The caller's profile, with counts of their backtests and strategies")
@response_schema(UserSchema, 200)
@problems(401)
@inject
async def describe_caller(
    request: web.Request, describe: DescribeCaller = Provide["use_cases.describe_caller"]
) -> web.Response:
    summary = await describe(DescribeCallerQuery(principal_of(request)))
    return presenters.json_response(presenters.user(summary))
