"""The webargs parser aiohttp-apispec validates with, raising our own errors."""

from __future__ import annotations

from typing import Any, NoReturn

from marshmallow import ValidationError
from webargs.aiohttpparser import AIOHTTPParser

from adapters.inbound.http.error_middleware import InvalidRequest, MalformedJson


class ProblemParser(AIOHTTPParser):
    """Field errors become one flat {field: [messages]} map, keyed without the location."""

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
