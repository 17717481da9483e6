"""The webargs parser aiohttp-apispec validates with, raising our own errors."""

from __future__ import annotations

import asyncio
from typing import Any, NoReturn

from aiohttp import web
from marshmallow import ValidationError
from webargs import core
from webargs.aiohttpparser import AIOHTTPParser

from adapters.inbound.http import json_values
from adapters.inbound.http.error_middleware import InvalidRequest, MalformedJson

# What `curl -d` and some clients send for a JSON body: read it as JSON all the same.
LENIENT_TYPES = ("application/x-www-form-urlencoded", "text/plain", "application/octet-stream")


class ProblemParser(AIOHTTPParser):
    """Field errors become one flat {field: [messages]} map, keyed without the location.

    A body that does not arrive within `body_timeout` seconds is answered 408: a client that
    stalls mid-upload cannot hold a request (and its memory) open.
    """

    def __init__(self, body_timeout: float = 30.0) -> None:
        super().__init__()
        self._body_timeout = body_timeout

    async def load_json(self, req: web.Request, schema: Any) -> Any:
        if not req.body_exists:
            return core.missing
        content_type = req.content_type
        if not (content_type.endswith("json") or content_type in LENIENT_TYPES):
            raise web.HTTPUnsupportedMediaType(text="Send the body as application/json.")
        try:
            async with asyncio.timeout(self._body_timeout):
                raw = await req.read()
        except TimeoutError:
            raise web.HTTPRequestTimeout(
                text=f"The body did not arrive within {self._body_timeout:g} s."
            ) from None
        try:
            body = json_values.loads(raw)
        except ValueError:  # JSONDecodeError and UnicodeDecodeError are ValueErrors
            raise MalformedJson() from None
        except RecursionError:
            raise InvalidRequest(
                {"_body": [f"is nested deeper than {json_values.MAX_DEPTH} levels"]}
            ) from None
        _refuse(json_values.problems(body))
        return body

    def load_querystring(self, req: web.Request, schema: Any) -> Any:
        for key, value in req.query.items():  # every value of a repeated key
            _refuse(json_values.problems(value, key))
        return super().load_querystring(req, schema)

    def load_match_info(self, req: web.Request, schema: Any) -> Any:
        _refuse(json_values.problems(dict(req.match_info)))
        return super().load_match_info(req, schema)

    def handle_error(
        self,
        error: ValidationError,
        req: Any,
        schema: Any,
        *,
        error_status_code: int | None,
        error_headers: Any,
    ) -> NoReturn:
        messages = error.normalized_messages()
        flat: dict[str, Any] = {}
        for location_errors in messages.values():
            if isinstance(location_errors, dict):
                flat.update(location_errors)
            else:
                flat.setdefault("_schema", []).extend(location_errors)
        raise InvalidRequest(flat or {"_schema": [str(error)]})

    def _handle_invalid_json_error(self, error: Any, req: Any, *args: Any, **kw: Any) -> NoReturn:
        raise MalformedJson()


def _refuse(problems: dict[str, list[str]]) -> None:
    if problems:
        raise InvalidRequest(problems)
