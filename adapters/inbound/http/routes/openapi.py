"""Decorator shorthands for the responses every authenticated route documents."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from aiohttp_apispec import docs, match_info_schema, response_schema
from marshmallow import Schema

from adapters.inbound.http.schemas.common import ProblemSchema

F = TypeVar("F", bound=Callable[..., Any])
SECURED: list[dict[str, list[str]]] = [{"bearerAuth": []}]

_ERRORS = {
    400: "Malformed JSON.",
    401: "Missing, invalid or expired bearer token.",
    404: "No such resource for this user.",
    409: "Conflicts with the current state.",
    413: "Body too large.",
    422: "Invalid input; see errors.",
    412: "If-Match does not match the current ETag: read the resource again.",
    429: "Too many runs queued or running; see Retry-After.",
    503: "A dependency is unavailable.",
}


def problems(*statuses: int) -> Callable[[F], F]:
    """Documents problem+json answers for the given statuses."""

    def decorate(func: F) -> F:
        for status in statuses:
            func = response_schema(ProblemSchema, status, description=_ERRORS[status])(func)
        return func

    return decorate


def owned(id_schema: type[Schema]) -> Callable[[F], F]:
    """A route on one of the caller's resources, named by its id in the path (`path`).

    A malformed id is 422; a missing resource and someone else's are the same 404, so an id
    tells nothing about other users; no token is 401.
    """

    def decorate(func: F) -> F:
        return problems(401, 404, 422)(match_info_schema(id_schema, put_into="path")(func))

    return decorate


IF_MATCH = {
    "in": "header",
    "name": "If-Match",
    "required": False,
    "schema": {"type": "string"},
    "description": "The ETag of the copy being changed: the write is refused (412) if the "
    "resource changed since. Omit it (or send *) to write whatever is stored.",
}


def conditional(func: F) -> F:
    """Documents If-Match and its 412 on a write of a versioned resource."""
    return docs(parameters=[IF_MATCH])(problems(412)(func))


def operation(tag: str, summary: str, *, secured: bool = True, **extra: Any) -> Callable[[F], F]:
    return docs(tags=[tag], summary=summary, security=SECURED if secured else [], **extra)
