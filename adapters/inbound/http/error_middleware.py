"""Maps every failure to problem details, in exactly one place."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from adapters.inbound.http.problems import problem_response
from adapters.inbound.http.request_context import REQUEST_ID
from core.domain.errors import (
    BadMarketData,
    Conflict,
    DomainError,
    NoCredentials,
    NotFound,
    PreconditionFailed,
    RuleViolated,
    TooManyRequests,
    Unauthenticated,
    Unavailable,
)

log = logging.getLogger("backtest.http")
# When to try again after a 503: dependencies that fail usually come back within seconds.
UNAVAILABLE_RETRY_AFTER_SECONDS = 5
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

# Each domain error as the status, problem type (slug) and title it answers with; the first
# class that matches wins, and a DomainError of no class here answers _OTHER.
_DOMAIN_PROBLEMS: list[tuple[type[DomainError], tuple[int, str, str]]] = [
    (NotFound, (404, "not-found", "Not found")),
    (Conflict, (409, "conflict", "Conflict")),
    (RuleViolated, (422, "validation-error", "Invalid input")),
    (BadMarketData, (422, "bad-market-data", "Bad market data")),
    (Unauthenticated, (401, "unauthenticated", "Unauthenticated")),
    (Unavailable, (503, "unavailable", "Service unavailable")),
    (TooManyRequests, (429, "too-many-requests", "Too many requests")),
    (PreconditionFailed, (412, "precondition-failed", "Precondition failed")),
]
_OTHER = (400, "bad-request", "Domain error")
_KEPT_HEADERS = ("Allow", "WWW-Authenticate", "Retry-After")


class InvalidRequest(Exception):
    """Raised by the request parser with marshmallow's field errors."""

    status = 422
    slug = "validation-error"
    title = "Invalid input"
    detail = "The request has invalid fields; see errors."

    def __init__(self, errors: dict[str, Any]) -> None:
        super().__init__(self.detail)
        self.errors = errors


class MalformedJson(InvalidRequest):
    status = 400
    slug = "malformed-json"
    title = "Malformed JSON"
    detail = "The body is not valid JSON."

    def __init__(self) -> None:
        super().__init__({})


def bearer_challenge(error: str | None = None) -> dict[str, str]:
    value = 'Bearer realm="api"'
    if error:
        value += f', error="{error}"'
    return {"WWW-Authenticate": value}


def domain_problem(error: DomainError) -> web.Response:
    status, slug, title = next(
        (answer for kind, answer in _DOMAIN_PROBLEMS if isinstance(error, kind)), _OTHER
    )
    errors = None
    if isinstance(error, RuleViolated) and error.field:
        errors = {error.field: [error.detail]}
    return problem_response(
        status, error.detail, slug=slug, title=title, errors=errors, headers=_headers(error)
    )


def _headers(error: DomainError) -> dict[str, str] | None:
    if isinstance(error, NoCredentials):
        return bearer_challenge()  # RFC 6750: no error code when no token was sent
    if isinstance(error, Unauthenticated):
        return bearer_challenge("invalid_token")
    if isinstance(error, TooManyRequests):
        return {"Retry-After": str(error.retry_after)}
    if isinstance(error, Unavailable):
        return {"Retry-After": str(UNAVAILABLE_RETRY_AFTER_SECONDS)}
    return None


@web.middleware
async def problem_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    try:
        return await handler(request)
    except InvalidRequest as error:
        return problem_response(
            error.status, error.detail, slug=error.slug, title=error.title, errors=error.errors
        )
    except DomainError as error:
        return domain_problem(error)
    except web.HTTPException as error:
        if error.status < 400:
            raise
        headers = {k: error.headers[k] for k in _KEPT_HEADERS if k in error.headers}
        # aiohttp's default text is just "<status>: <reason>", which the title already says.
        detail = (
            error.text if error.text and not error.text.startswith(f"{error.status}:") else None
        )
        return problem_response(error.status, detail, headers=headers)
    except Exception:
        request_id = request.get(REQUEST_ID, "-")
        log.exception("unhandled error", extra={"request_id": request_id})
        return problem_response(
            500,
            f"An unexpected error occurred; quote request id {request_id} when reporting it.",
            slug="internal-error",
            request_id=request_id,
        )
