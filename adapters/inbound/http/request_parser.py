"""The webargs parser aiohttp-apispec validates with, raising our own errors."""

from __future__ import annotations

import json
from typing import Any, NoReturn

from aiohttp import web
from marshmallow import ValidationError
from webargs import core
from webargs.aiohttpparser import AIOHTTPParser

from adapters.inbound.http.error_middleware import InvalidRequest, MalformedJson

# What `curl -d` and some clients send for a JSON body: read it as JSON all the same.
LENIENT_TYPES = ("application/x-www-form-urlencoded", "text/plain", "application/octet-stream")


class ProblemParser(AIOHTTPParser):
    """Field errors become one flat {field: [messages]} map, keyed without the location."""

    async def load_json(self, req: web.Request, schema: Any) -> Any:
        if not req.body_exists:
            return core.missing
        content_type = req.content_type
        if not (content_type.endswith("json") or content_type in LENIENT_TYPES):
            raise web.HTTPUnsupportedMediaType(text="Send the body as application/json.")
        try:
            return json.loads(await req.read())
        except (json.JSONDecodeError, UnicodeDecodeError):
            raise MalformedJson() from None

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
