"""One structured log line per request, tagged with a request id echoed to the client.

The id is echoed as each answer is prepared (`echo_request_id`, an on_response_prepare
handler), so answers a handler streams itself carry it too.
"""

from __future__ import annotations

import logging
import re
import time
import uuid

from aiohttp import web

from adapters.inbound.http.error_middleware import Handler
from adapters.inbound.http.request_context import PRINCIPAL, REQUEST_ID

log = logging.getLogger("backtest.access")
_SAFE_ID = re.compile(r"^[A-Za-z0-9._\-]{1,100}$")
REQUEST_ID_HEADER = "X-Request-ID"


@web.middleware
async def logging_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    incoming = request.headers.get(REQUEST_ID_HEADER, "")
    request_id = incoming if _SAFE_ID.match(incoming) else uuid.uuid4().hex
    request[REQUEST_ID] = request_id
    started = time.perf_counter()
    status = 500
    try:
        response = await handler(request)
        status = response.status
        return response
    except web.HTTPException as error:
        status = error.status
        raise
    finally:
        principal = request.get(PRINCIPAL)
        log.info(
            "%s %s %s",
            request.method,
            request.path,
            status,
            extra={
                "method": request.method,
                "path": request.path,
                "status": status,
                "duration_ms": round((time.perf_counter() - started) * 1000, 2),
                "request_id": request_id,
                "user_id": str(principal.user_id) if principal else None,
            },
        )


async def echo_request_id(request: web.Request, response: web.StreamResponse) -> None:
    request_id = request.get(REQUEST_ID)
    if request_id is not None:
        response.headers[REQUEST_ID_HEADER] = request_id
