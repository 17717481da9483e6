"""/api/v1/health: liveness, dependency detail and readiness; no authentication.

Without a token the answers say only each dependency's status and latency. A valid token
adds the version, the environment and each dependency's detail (why it is down, which
migrations are pending), which name no address, path or bucket either.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

from aiohttp import web
from aiohttp_apispec import response_schema
from dependency_injector.wiring import Provide, inject

from adapters.inbound.http import presenters
from adapters.inbound.http.routes.openapi import operation
from adapters.inbound.http.schemas.health import (
    DetailedHealthSchema,
    LivenessSchema,
    ReadinessSchema,
)
from core.domain.errors import DomainError
from core.ports.health import HealthProbe, ProbeResult
from core.ports.token_verifier import TokenVerifier

routes = web.RouteTableDef()
TAG = "health"
PROBE_TIMEOUT_S = 5.0


@routes.get("/api/v1/health/")
@operation(TAG, "Liveness: the process answers; touches nothing", secured=False)
@response_schema(LivenessSchema, 200)
async def liveness(request: web.Request) -> web.Response:
    return presenters.json_response({"status": "ok"})


@routes.get("/api/v1/health/detailed")
@operation(
    TAG,
    "Each dependency with its status and latency",
    description="A valid bearer token (optional) adds the version, the environment and each "
    "dependency's detail.",
    secured=False,
)
@response_schema(DetailedHealthSchema, 200, description="Always 200; see status.")
@inject
async def detailed(
    request: web.Request,
    probes: Sequence[HealthProbe] = Provide["health_probes"],
    version: str = Provide["version"],
    environment: str = Provide["settings.provided.environment"],
    verifier: TokenVerifier = Provide["auth.token_verifier"],
) -> web.Response:
    results, full = await asyncio.gather(_run(probes), _verified(request, verifier))
    body: dict[str, object] = {"status": "ok" if all(r.ok for r in results) else "degraded"}
    if full:
        body.update(version=version, environment=environment)
    body["dependencies"] = {r.name: _describe(r, full) for r in results}
    return presenters.json_response(body)


@routes.get("/api/v1/health/ready")
@operation(
    TAG,
    "Readiness: 503 while the database is unreachable or migrations are pending",
    secured=False,
)
@response_schema(ReadinessSchema, 200, description="Ready.")
@response_schema(ReadinessSchema, 503, description="Not ready.")
@inject
async def readiness(
    request: web.Request,
    probes: Sequence[HealthProbe] = Provide["readiness_probes"],
    verifier: TokenVerifier = Provide["auth.token_verifier"],
) -> web.Response:
    results, full = await asyncio.gather(_run(probes), _verified(request, verifier))
    ready = all(r.ok and r.ready for r in results)
    return presenters.json_response(
        {
            "status": "ready" if ready else "not_ready",
            "checks": {r.name: _describe(r, full) for r in results},
        },
        status=200 if ready else 503,
    )


async def _verified(request: web.Request, verifier: TokenVerifier) -> bool:
    """Whether the request carries a valid bearer token; any failure means the public view."""
    scheme, _, token = request.headers.get("Authorization", "").strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return False
    try:
        await asyncio.wait_for(verifier.verify(token.strip()), PROBE_TIMEOUT_S)
    except (DomainError, TimeoutError):
        return False
    return True


async def _run(probes: Sequence[HealthProbe]) -> list[ProbeResult]:
    return list(await asyncio.gather(*(_bounded(probe) for probe in probes)))


async def _bounded(probe: HealthProbe) -> ProbeResult:
    try:
        return await asyncio.wait_for(probe.check(), PROBE_TIMEOUT_S)
    except TimeoutError:
        return ProbeResult(probe.name, False, PROBE_TIMEOUT_S * 1000, "timed out")


def _describe(result: ProbeResult, full: bool) -> dict[str, object]:
    status = "ok" if result.ok and result.ready else ("not_ready" if result.ok else "down")
    shown: dict[str, object] = {"status": status, "latency_ms": round(result.latency_ms, 2)}
    if full:
        shown["detail"] = result.detail
    return shown
