"""/api/v1/strategies/kinds and /validate (registered before /strategies/{strategy_id})."""

from __future__ import annotations

from aiohttp import web
from aiohttp_apispec import request_schema, response_schema
from dependency_injector.wiring import Provide, inject

from adapters.inbound.http import presenters
from adapters.inbound.http.routes.openapi import operation, problems
from adapters.inbound.http.schemas.strategies import (
    KindListSchema,
    TemplateSchema,
    ValidatedTemplateSchema,
)
from core.domain.rules.functions import FUNCTIONS
from core.domain.rules.kinds import KINDS
from core.use_cases.strategies.validate_template import ValidateTemplate, ValidateTemplateQuery

routes = web.RouteTableDef()
TAG = "strategies"
LANGUAGE = (
    "Rules are conditions over `open, high, low, close, volume`, numbers, `+ - * /`, "
    "comparisons, `and`/`or`/`not` and these functions, each equal to the pandas "
    "expression beside it, to the last bit (no look-ahead: a value at a bar uses data up "
    "to its close):\n\n"
    + "\n".join(f"- `{f.signature}` = `{f.definition}`" for f in FUNCTIONS.values())
    + "\n\nSignals are read at a bar's close; orders fill at the next bar's open."
)


@routes.get("/api/v1/strategies/kinds")
@operation(
    TAG,
    "The built-in strategy kinds",
    description="Each kind with its parameters (type, default, bounds), the combinations it "
    "refuses, and the rules it runs, written in the rules language.",
)
@response_schema(KindListSchema, 200)
@problems(401)
async def list_kinds(request: web.Request) -> web.Response:
    return presenters.json_response({"items": [kind.as_data() for kind in KINDS.values()]})


@routes.post("/api/v1/strategies/validate")
@operation(
    TAG,
    "Check a template without saving it",
    description="200 when it would run; 422 naming the field otherwise (`kind`, "
    "`parameters.<name>`, `rules.<rule>` with the line and column of a rule's error).\n\n"
    + LANGUAGE,
)
@request_schema(TemplateSchema, put_into="body")
@response_schema(ValidatedTemplateSchema, 200)
@problems(401, 422)
@inject
async def validate_template(
    request: web.Request, validate: ValidateTemplate = Provide["use_cases.validate_template"]
) -> web.Response:
    valid = await validate(ValidateTemplateQuery(**request["body"]))
    program = valid.program
    return presenters.json_response(
        {
            "valid": True,
            "kind": valid.kind,
            "rules": list(program.rules()),
            "warmup": program.warmup,
        }
    )
