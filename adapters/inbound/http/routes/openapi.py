"""Decorator shorthands for the responses every authenticated route documents."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from aiohttp_apispec import docs, response_schema

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
    503: "A dependency is unavailable.",
}


def problems(*statuses: int) -> Callable[[F], F]:
    """Documents problem+json answers for the given statuses."""

    def decorate(func: F) -> F:
        for status in statuses:
            func = response_schema(ProblemSchema, status, description=_ERRORS[status])(func)
        return func

    return decorate


def operation(tag: str, summary: str, *, secured: bool = True, **extra: Any) -> Callable[[F], F]:
    return docs(tags=[tag], summary=summary, security=SECURED if secured else [], **extra)
