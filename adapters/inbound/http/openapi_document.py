"""A valid OpenAPI 3.0 document from the aiohttp-apispec decorators.

aiohttp-apispec writes request bodies as Swagger-2 `in: body` parameters and adds `produces`
to every operation, which OpenAPI 3 forbids. This generator keeps its decorators (the
validation middleware reads them) and writes each operation the OpenAPI 3 way instead:
JSON bodies become `requestBody`, error answers are `application/problem+json`, and the
answers every route can give (401, 503, 400/413/415 for bodies) are documented once, here.
"""

from __future__ import annotations

import copy
import json
from typing import Any

from aiohttp import web
from aiohttp_apispec import AiohttpApiSpec
from aiohttp_apispec.utils import get_path_keys

from adapters.inbound.http.problems import PROBLEM_JSON
from adapters.inbound.http.schemas.common import ProblemSchema
from adapters.inbound.http.schemas.ohlcv import CandlesSchema, ManyCandlesSchema
from adapters.inbound.http.schemas.trades import TradeCreateSchema, TradeListSchema, TradeSchema

# Registered up front: referenced by name from hand-written parts of the document.
COMPONENTS = {
    "Problem": ProblemSchema,
    "Trade": TradeSchema,
    "TradeCreate": TradeCreateSchema,
    "TradeList": TradeListSchema,
    "Candles": CandlesSchema,
    "ManyCandles": ManyCandlesSchema,
}
OPERATION_METHODS = ("get", "put", "post", "delete", "patch")
REQUEST_ID = {
    "description": "The request's id, also in the server's log line for it.",
    "schema": {"type": "string"},
}
_COMMON_PROBLEMS = {
    "400": "The body is not valid JSON.",
    "401": "Missing, invalid or expired bearer token.",
    "413": "The body is larger than MAX_BODY_BYTES.",
    "415": "The body is not sent as application/json.",
    "422": "Invalid input; `errors` maps each field to its messages.",
    "503": "A dependency (database, market-data storage, token keys) is unavailable.",
}


class OpenApi3Spec(AiohttpApiSpec):
    """Registers each decorated route as an OpenAPI 3.0 operation."""

    def _update_paths(self, data: dict[str, Any], method: str, url_path: str) -> None:
        if method not in OPERATION_METHODS:
            return
        # The decorators' dict is shared by every app built from the same functions: copy it.
        declared = {key: value for key, value in data.items() if key != "schemas"}
        operation = copy.deepcopy(declared)
        operation.pop("produces", None)
        parameters: list[dict[str, Any]] = operation.pop("parameters", [])
        for item in data.get("schemas", []):
            if item["location"] == "json":
                operation.setdefault(
                    "requestBody",
                    {"required": True, "content": {"application/json": {"schema": item["schema"]}}},
                )
            else:
                parameters.extend(
                    self.plugin.converter.schema2parameters(
                        item["schema"], location=item["location"], **item["options"]
                    )
                )
        declared_path = {p["name"] for p in parameters if p["in"] == "path"}
        parameters.extend(
            {"in": "path", "name": key, "required": True, "schema": {"type": "string"}}
            for key in get_path_keys(url_path)
            if key not in declared_path
        )
        if parameters:
            operation["parameters"] = parameters
        operation["responses"] = self._responses(operation, parameters)
        self.spec.path(path=url_path, operations={method: operation})

    def _responses(
        self, operation: dict[str, Any], parameters: list[dict[str, Any]]
    ) -> dict[str, Any]:
        responses: dict[str, Any] = {}
        for code, declared in operation.get("responses", {}).items():
            responses[str(code)] = _response(str(code), declared)
        implied = []
        if operation.get("security", True) != []:
            implied += ["401", "503"]
        if "requestBody" in operation:
            implied += ["400", "413", "415", "422"]
        if parameters:
            implied.append("422")
        for code in implied:
            responses.setdefault(code, _problem(_COMMON_PROBLEMS[code]))
        return dict(sorted(responses.items()))


def _response(code: str, declared: dict[str, Any]) -> dict[str, Any]:
    response = {key: value for key, value in declared.items() if key not in ("schema", "required")}
    response.setdefault("description", "")
    if "schema" in declared:
        media = PROBLEM_JSON if int(code) >= 400 else "application/json"
        response["content"] = {media: {"schema": declared["schema"]}}
    response.setdefault("headers", {})["X-Request-ID"] = REQUEST_ID
    return response


def _problem(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}},
        "headers": {"X-Request-ID": REQUEST_ID},
    }


def document_app(
    app: web.Application, *, title: str, version: str, description: str
) -> OpenApi3Spec:
    """Documents the app's routes; serves /openapi.json and Swagger UI at /docs."""
    spec = OpenApi3Spec(
        url="/openapi.json",
        swagger_path="/docs",
        static_path="/static/swagger",
        openapi_version="3.0.3",
        title=title,
        version=version,
        info={"description": description},
        # No badge from validator.swagger.io: the page's CSP (and offline use) forbid it.
        display_configurations={"validatorUrl": None},
        components={
            "securitySchemes": {
                "bearerAuth": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}
            }
        },
    )
    for name, schema in COMPONENTS.items():
        spec.spec.components.schema(name, schema=schema)
    spec.register(app, in_place=True)
    # apispec leaves Decimal bounds and defaults as Decimal, which JSON cannot hold.
    document = json.loads(json.dumps(spec.swagger_dict(), default=float))
    document.pop("display_configurations", None)  # Swagger UI's, not the document's
    app["swagger_dict"] = document
    return spec
